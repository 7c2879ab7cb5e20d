// Small helpers shared by the test files: real PNG images made in memory, plain HTTP calls,
// a tiny origin server for URL uploads, and error expectations.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk (length, type, data, CRC). */
export function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A valid PNG of `width`×`height` pixels. `alpha` → RGBA (colour type 6, half-transparent pixels),
 * otherwise RGB (colour type 2). The pixel colours come from `seed` so two images differ;
 * `noise` fills the pixels with random bytes (a large, incompressible file).
 */
export function makePng(width = 4, height = 3, { alpha = false, seed = randomBytes(3), noise = false } = {}) {
  const channels = alpha ? 4 : 3;
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * channels); // filter byte 0 (None)
    if (noise) {
      // incompressible pixels: a PNG of about width*height*channels bytes
      randomBytes(width * channels).copy(row, 1);
      rows.push(row);
      continue;
    }
    for (let x = 0; x < width; x++) {
      const o = 1 + x * channels;
      row[o] = (seed[0] + x * 31) & 0xff;
      row[o + 1] = (seed[1] + y * 47) & 0xff;
      row[o + 2] = (seed[2] + x * y * 13) & 0xff;
      if (alpha) row[o + 3] = 128;
    }
    rows.push(row);
  }
  return encodePng(width, height, rows, alpha);
}

/** A PNG of 8-bit RGB (or RGBA with `alpha`) scanlines, each led by its filter byte. */
export function encodePng(width, height, rows, alpha = false) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = alpha ? 6 : 2; // colour type
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 24 lowercase hex characters: a well-formed fileId/requestId that does not exist. */
export function unknownId() {
  return randomBytes(12).toString('hex');
}

export function basicAuth(user, password = '') {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Plain fetch with a timeout; returns { status, headers, bytes, text, json }. */
export async function httpCall(url, init = {}) {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(20_000), ...init });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const ct = res.headers.get('content-type') || '';
  const show = /json|text/i.test(ct) || bytes.length === 0 ? text.slice(0, 300) : `<${bytes.length} bytes of ${ct || 'no content-type'}>`;
  return { status: res.status, headers: res.headers, bytes, text, json, show };
}

/** Asserts an error answer is a JSON object `{message, help, …}` with the given status. */
export function assertJsonError(r, status, message) {
  assert.equal(r.status, status, `expected HTTP ${status}, got ${r.status}: ${r.show}`);
  assert.match(r.headers.get('content-type') || '', /^application\/json/i, 'error must be application/json');
  assert.equal(typeof r.json, 'object', `error body must be JSON, got: ${r.show}`);
  assert.ok(r.json !== null && !Array.isArray(r.json), 'error body must be a JSON object');
  assert.equal(typeof r.json.message, 'string', 'error body needs a string `message`');
  assert.equal(typeof r.json.help, 'string', 'error body needs a string `help`');
  if (message !== undefined) assert.equal(r.json.message, message);
}

/**
 * Awaits a promise that must reject with an `@imagekit/nodejs` APIError subclass.
 * Returns the error for further checks.
 */
export async function expectApiError(promise, ErrorClass, status, message) {
  let err;
  try {
    const value = await promise;
    assert.fail(`expected ${ErrorClass.name} (${status}) but the call resolved with ${JSON.stringify(value)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    err = e;
  }
  assert.ok(
    err instanceof ErrorClass,
    `expected ${ErrorClass.name}, got ${err?.constructor?.name}: ${err?.message}` +
      (err?.cause ? ` (cause: ${err.cause.cause?.code ?? err.cause.code ?? err.cause.message})` : ''),
  );
  assert.equal(err.status, status);
  assert.equal(typeof err.error, 'object', 'the error body must be parsed JSON');
  if (message !== undefined) {
    assert.equal(err.error?.message, message);
    assert.equal(err.message, `${status} ${message}`);
  }
  return err;
}

/** Serves `routes` ({ '/path': { body: Buffer, type } }) on 127.0.0.1 on a free port. */
export async function startOrigin(routes) {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const route = routes[req.url.split('?')[0]];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'content-length': route.body.length });
    res.end(req.method === 'HEAD' ? undefined : route.body);
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address();
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    hits,
    close: () =>
      new Promise((res) => {
        server.closeAllConnections?.();
        server.close(() => res());
      }),
  };
}

/** Polls a purge request until it reports Completed (Pending is allowed in between). */
export async function waitPurgeCompleted(getStatus, { timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const seen = [];
  for (;;) {
    const status = await getStatus();
    seen.push(status);
    assert.ok(status === 'Pending' || status === 'Completed', `unexpected purge status ${JSON.stringify(status)}`);
    if (status === 'Completed') return seen;
    if (Date.now() > deadline) assert.fail(`purge still ${status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const FILE_ID = /^[0-9a-f]{24}$/;
