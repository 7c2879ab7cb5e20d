// Starts the real Halftone binary for a test module, as tests/sdk/CONTRACT.md describes:
//   halftone serve --listen 127.0.0.1:0 --data-dir <fresh temp dir>
// with known keys in the environment, parses the start-up lines from stdout, waits for
// GET /healthz and stops the process (SIGTERM, then SIGKILL) at teardown.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');

export const HALFTONE_BIN = process.env.HALFTONE_BIN || join(repoRoot, 'target', 'release', 'halftone');

const STARTUP_TIMEOUT_MS = Number(process.env.HALFTONE_STARTUP_TIMEOUT_MS || 30_000);
const STOP_GRACE_MS = 5_000;

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/**
 * The HALFTONE_* settings HALFTONE_TEST_MODE asks for (as halftone_server.py does):
 * `distributed` gives the data dir its own PostgreSQL database and S3 prefix, `s3` the S3
 * prefix only. The name is kept in the data dir, so a restart on it finds the same stores.
 */
export function modeEnv(dataDir) {
  const mode = process.env.HALFTONE_TEST_MODE || '';
  if (mode === '' || mode === 'embedded') return {};
  if (mode !== 'distributed' && mode !== 's3') {
    throw new Error(`HALFTONE_TEST_MODE=${mode}: use embedded, s3 or distributed`);
  }
  const endpoint = process.env.HALFTONE_TEST_S3_ENDPOINT;
  if (!endpoint) throw new Error(`HALFTONE_TEST_MODE=${mode} needs HALFTONE_TEST_S3_ENDPOINT (scripts/services start)`);
  const nameFile = join(dataDir, 'test-store-name');
  let name;
  if (existsSync(nameFile)) {
    name = readFileSync(nameFile, 'utf8').trim();
  } else {
    name = `t_${randomBytes(8).toString('hex')}`;
    writeFileSync(nameFile, name);
  }
  const bucket = process.env.HALFTONE_TEST_S3_BUCKET || 'halftone-test';
  const env = { HALFTONE_STORE: `s3://${bucket}/${name}`, HALFTONE_S3_ENDPOINT: endpoint };
  if (mode === 'distributed') {
    const pg = process.env.HALFTONE_TEST_PG_URL;
    if (!pg) throw new Error('HALFTONE_TEST_MODE=distributed needs HALFTONE_TEST_PG_URL (scripts/services start)');
    const url = new URL(pg);
    url.pathname = `/${name}`;
    env.HALFTONE_DATABASE_URL = url.toString();
  }
  return env;
}

/** A fresh folder for one test, e.g. `/t-0b9f…`. Every test works only under its own folder. */
export function newFolder() {
  return `/t-${randomUUID()}`;
}

/**
 * Start one server. `env` adds/overrides environment variables, e.g.
 * `{ HALFTONE_PURGE_ON_DELETE: 'true' }` or `{ HALFTONE_UPLOAD_ALLOW_PRIVATE_URLS: 'true' }`.
 * Resolves to `{ baseUrl, urlEndpoint, privateKey, publicKey, dataDir, stop(), logs() }`.
 */
export async function startServer({ env = {}, bin = HALFTONE_BIN } = {}) {
  if (!existsSync(bin)) {
    throw new Error(`Halftone binary not found at ${bin} (set HALFTONE_BIN or build it first)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'halftone-node-'));
  const privateKey = `private_test_${randomBytes(12).toString('hex')}`;
  const publicKey = `public_test_${randomBytes(12).toString('hex')}`;

  // Inherit the environment minus any HALFTONE_* settings of the caller, so the only
  // settings in effect are the ones this helper and the test choose.
  const childEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('HALFTONE_')) childEnv[k] = v;
  }
  Object.assign(childEnv, {
    ...modeEnv(dataDir),
    HALFTONE_PRIVATE_KEY: privateKey,
    HALFTONE_PUBLIC_KEY: publicKey,
    RUST_LOG: 'warn',
    ...env,
  });

  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir], {
    cwd: dataDir, // no stray halftone.toml from the caller's directory
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  let stdout = '';
  let stderr = '';
  const exited = new Promise((res) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      res({ code, signal });
    });
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const logs = () => `--- stdout ---\n${stdout}\n--- stderr (tail) ---\n${stderr.slice(-4000)}`;

  try {
    const info = await new Promise((res, rej) => {
      const found = {};
      const timer = setTimeout(
        () => rej(new Error(`Halftone did not print its start-up lines within ${STARTUP_TIMEOUT_MS} ms\n${logs()}`)),
        STARTUP_TIMEOUT_MS,
      );
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const base = /listening on (http:\/\/\S+)/.exec(stdout);
        const endpoint = /URL endpoint:\s+(\S+)/.exec(stdout);
        const priv = /Private key:\s+(\S+)/.exec(stdout);
        const pub = /Public key:\s+(\S+)/.exec(stdout);
        if (base) found.baseUrl = base[1].replace(/\/+$/, '');
        if (endpoint) found.urlEndpoint = endpoint[1].replace(/\/+$/, '');
        if (priv) found.privateKey = priv[1];
        if (pub) found.publicKey = pub[1];
        if (found.baseUrl && found.urlEndpoint && found.privateKey && found.publicKey) {
          clearTimeout(timer);
          res(found);
        }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        rej(new Error(`Halftone exited early (code ${code}, signal ${signal})\n${logs()}`));
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        rej(err);
      });
    });

    if (info.privateKey !== privateKey || info.publicKey !== publicKey) {
      throw new Error(
        `Halftone printed keys other than the ones set in HALFTONE_PRIVATE_KEY/HALFTONE_PUBLIC_KEY\n${logs()}`,
      );
    }

    await waitHealthy(info.baseUrl, logs);
    return { ...info, dataDir, stop, logs, process: child };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitHealthy(baseUrl, logs) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = String(err?.cause?.code || err?.message || err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`GET ${baseUrl}/healthz never answered 200 (last: ${last})\n${logs()}`);
}
