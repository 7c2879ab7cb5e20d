// Where the suite and the repository live, wherever the tests are started from.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/browser/ */
export const suiteDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const repoRoot = resolve(suiteDir, '..', '..');
