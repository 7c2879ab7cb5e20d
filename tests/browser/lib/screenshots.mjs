// Screenshots: kept by the suites that want them (docs/screenshots/ for the README) or left
// under tests/browser/.screenshots/ (ignored by git) to look at after a failing run.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { repoRoot, suiteDir } from './paths.mjs';

export const DEFAULT_SCREENSHOT_DIR = process.env.BROWSER_SCREENSHOT_DIR || join(suiteDir, '.screenshots');

/**
 * Save a PNG of `page` (or of one Locator) and resolve to the file's absolute path.
 *   name: 'library-grid' (→ <dir>/library-grid.png) or a path with '.png'.
 *   dir:  folder; relative paths are taken from the repository root (e.g. 'docs/screenshots').
 *   Other options go to playwright's screenshot() (e.g. `{ fullPage: true }`).
 */
export async function saveScreenshot(pageOrLocator, name, { dir = DEFAULT_SCREENSHOT_DIR, ...options } = {}) {
  const folder = isAbsolute(dir) ? dir : join(repoRoot, dir);
  const file = join(folder, name.endsWith('.png') ? name : `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await pageOrLocator.screenshot({ path: file, ...options });
  return file;
}
