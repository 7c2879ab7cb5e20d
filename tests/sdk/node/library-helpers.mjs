// Helpers for the media-library test files (issue 3): an SDK client, uploads, a request-counting
// fetch, bulk-job polling, unique names and a tiny JPEG encoder with an EXIF (APP1) segment.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import ImageKit, { toFile } from '@imagekit/nodejs';

import { makePng } from './helpers.mjs';

/** An @imagekit/nodejs client for `server`; `opts` overrides client options (fetch, maxRetries…). */
export function client(server, opts = {}) {
  return new ImageKit({ privateKey: server.privateKey, baseURL: server.baseUrl, maxRetries: 0, timeout: 20_000, ...opts });
}

/** A fetch wrapper that records every request (method + URL) the SDK sends. */
export function countingFetch() {
  const calls = [];
  const f = async (url, init = {}) => {
    calls.push({ method: (init.method || 'GET').toUpperCase(), url: String(url) });
    return fetch(url, init);
  };
  return { fetch: f, calls };
}

/** Uploads `body` (a Buffer) as `name` into `folder` with a fixed file name. */
export async function upload(ik, folder, name, body = makePng(4, 4), extra = {}) {
  return ik.files.upload({ file: await toFile(body, name), fileName: name, folder, useUniqueFileName: false, ...extra });
}

/** A short, unique, letters/digits-only token (safe in file names, tags and field names). */
export function token(prefix = 'k') {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

/** Polls folders.job.get until Completed; asserts only Pending/Completed are seen. */
export async function waitJob(ik, jobId, { timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await ik.folders.job.get(jobId);
    assert.ok(job.status === 'Pending' || job.status === 'Completed', `unexpected job status ${JSON.stringify(job)}`);
    if (job.status === 'Completed') return job;
    if (Date.now() > deadline) assert.fail(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every page of assets.list for `query` (limit 1000). */
export async function listAll(ik, query) {
  return ik.assets.list({ limit: 1000, ...query });
}

export const names = (items) => items.map((x) => x.name).sort();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- JPEG with EXIF

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [...Array(12).keys()];
const AC_BITS = [1, ...Array(15).fill(0)];
const AC_VALS = [0x00];

function canonicalCodes(bits, vals) {
  const codes = new Map();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]; i++) {
      codes.set(vals[k], [code, length]);
      code++;
      k++;
    }
    code <<= 1;
  }
  return codes;
}

function segment(marker, payload) {
  const h = Buffer.alloc(4);
  h[0] = 0xff;
  h[1] = marker;
  h.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([h, payload]);
}

// TIFF types: 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL
function entryValue(type, value) {
  switch (type) {
    case 1:
      return Buffer.from(value);
    case 2:
      return Buffer.from(`${value}\0`, 'latin1');
    case 3: {
      const vs = Array.isArray(value) ? value : [value];
      const b = Buffer.alloc(2 * vs.length);
      vs.forEach((v, i) => b.writeUInt16BE(v, 2 * i));
      return b;
    }
    case 4: {
      const vs = Array.isArray(value) ? value : [value];
      const b = Buffer.alloc(4 * vs.length);
      vs.forEach((v, i) => b.writeUInt32BE(v, 4 * i));
      return b;
    }
    case 5: {
      const vs = Array.isArray(value[0]) ? value : [value];
      const b = Buffer.alloc(8 * vs.length);
      vs.forEach(([n, d], i) => {
        b.writeUInt32BE(n, 8 * i);
        b.writeUInt32BE(d, 8 * i + 4);
      });
      return b;
    }
    default:
      throw new Error(`type ${type}`);
  }
}
const TYPE_SIZE = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 };

/** Lays out IFDs one after another; entries `{tag, type, value}` or `{tag, pointer: ifdIndex}`. */
function buildTiff(ifds) {
  const prepared = ifds.map((entries) =>
    entries
      .map((e) => (e.pointer !== undefined ? { ...e, type: 4 } : { ...e, bytes: entryValue(e.type, e.value) }))
      .sort((a, b) => a.tag - b.tag),
  );
  const sizes = prepared.map((entries) => {
    let data = 0;
    for (const e of entries) if (e.bytes && e.bytes.length > 4) data += e.bytes.length + (e.bytes.length % 2);
    return 2 + 12 * entries.length + 4 + data;
  });
  const offsets = [];
  let o = 8;
  for (const s of sizes) {
    offsets.push(o);
    o += s;
  }
  const parts = [Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])];
  prepared.forEach((entries, i) => {
    const head = Buffer.alloc(2 + 12 * entries.length + 4);
    head.writeUInt16BE(entries.length, 0);
    let dataOff = offsets[i] + head.length;
    const data = [];
    entries.forEach((e, j) => {
      const p = 2 + 12 * j;
      head.writeUInt16BE(e.tag, p);
      head.writeUInt16BE(e.type, p + 2);
      if (e.pointer !== undefined) {
        head.writeUInt32BE(1, p + 4);
        head.writeUInt32BE(offsets[e.pointer], p + 8);
        return;
      }
      head.writeUInt32BE(e.bytes.length / TYPE_SIZE[e.type], p + 4);
      if (e.bytes.length <= 4) {
        e.bytes.copy(head, p + 8);
      } else {
        head.writeUInt32BE(dataOff, p + 8);
        const padded = e.bytes.length % 2 ? Buffer.concat([e.bytes, Buffer.alloc(1)]) : e.bytes;
        data.push(padded);
        dataOff += padded.length;
      }
    });
    head.writeUInt32BE(0, head.length - 4); // no next IFD
    parts.push(head, ...data);
  });
  return Buffer.concat(parts);
}

/** EXIF block: IFD0 (Make, Model, Orientation), Exif IFD (DateTimeOriginal, ISO), GPS IFD. */
export function exifSegment({ make = 'HalftoneCam', model = 'HT-1', dateTimeOriginal = '2021:05:06 07:08:09', iso = 200 } = {}) {
  const tiff = buildTiff([
    [
      { tag: 0x010f, type: 2, value: make },
      { tag: 0x0110, type: 2, value: model },
      { tag: 0x0112, type: 3, value: 1 },
      { tag: 0x8769, pointer: 1 },
      { tag: 0x8825, pointer: 2 },
    ],
    [
      { tag: 0x9003, type: 2, value: dateTimeOriginal },
      { tag: 0x8827, type: 3, value: iso },
    ],
    [
      { tag: 0x0000, type: 1, value: [2, 3, 0, 0] },
      { tag: 0x0001, type: 2, value: 'N' },
      { tag: 0x0002, type: 5, value: [[48, 1], [51, 1], [30, 1]] },
    ],
  ]);
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
}

/** A valid baseline greyscale JPEG (solid `level`), optionally with an EXIF APP1 segment. */
export function makeJpeg(width = 16, height = 8, { level = 128, exif = null } = {}) {
  const dc = canonicalCodes(DC_BITS, DC_VALS);
  const ac = canonicalCodes(AC_BITS, AC_VALS);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const out = [];
  let acc = 0;
  let n = 0;
  const emit = (byte) => {
    out.push(byte);
    if (byte === 0xff) out.push(0x00);
  };
  const write = (value, length) => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      n++;
      if (n === 8) {
        emit(acc & 0xff);
        acc = 0;
        n = 0;
      }
    }
  };
  let prev = 0;
  for (let b = 0; b < blocks; b++) {
    const v = 8 * (level - 128);
    const diff = v - prev;
    prev = v;
    const size = Math.abs(diff) === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
    const [code, len] = dc.get(size);
    write(code, len);
    if (size) write(diff > 0 ? diff : diff + (1 << size) - 1, size);
    const [ecode, elen] = ac.get(0x00);
    write(ecode, elen);
  }
  if (n) {
    const pad = 8 - n;
    emit(((acc << pad) | ((1 << pad) - 1)) & 0xff);
  }
  const sof = Buffer.alloc(6);
  sof[0] = 8;
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof[5] = 1;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    ...(exif ? [exif] : []),
    segment(0xfe, randomBytes(8)),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.concat([sof, Buffer.from([1, 0x11, 0])])),
    segment(0xc4, Buffer.from([0x00, ...DC_BITS, ...DC_VALS])),
    segment(0xc4, Buffer.from([0x10, ...AC_BITS, ...AC_VALS])),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from(out),
    Buffer.from([0xff, 0xd9]),
  ]);
}
