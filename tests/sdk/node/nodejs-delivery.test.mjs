// Image delivery (issue 4, spec §1.5, §1.6, §6, §7) with @imagekit/nodejs 7.x `client.helper.buildSrc`:
// transformations in path and query form (size, format and colours checked by a tiny PNG decoder and
// header readers below, no dependency), signed and expiring URLs for private files, tampered /
// expired / unsigned requests refused, delete → cached variant still served → purge → 404,
// named transformations created through the API.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';

import { toFile } from '@imagekit/nodejs';

import { assertJsonError, encodePng, httpCall, waitPurgeCompleted } from './helpers.mjs';
import { client } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

// ------------------------------------------------------------------ images in / out


const RED = [220, 20, 20];
const BLUE = [20, 20, 220];
const GREEN = [20, 200, 20];

/** An RGB PNG: left half `left`, right half `right`. */
function halvesPng(width = 400, height = 200, left = RED, right = BLUE) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) Buffer.from(x < width / 2 ? left : right).copy(row, 1 + x * 3);
    rows.push(row);
  }
  return encodePng(width, height, rows);
}

/** Format and size from the header: PNG, JPEG (SOFn), GIF, WebP (VP8 / VP8L / VP8X). */
export function imageInfo(buf) {
  if (buf.length >= 24 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return { format: 'jpeg' };
      const marker = buf[i + 1];
      if (marker === 0xff) {
        i += 1;
        continue;
      }
      const len = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { format: 'jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
    return { format: 'jpeg' };
  }
  if (buf.length >= 10 && buf.subarray(0, 3).toString('latin1') === 'GIF') {
    return { format: 'gif', width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
  }
  if (buf.length >= 30 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') {
    const kind = buf.subarray(12, 16).toString('latin1');
    if (kind === 'VP8 ') return { format: 'webp', width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
    if (kind === 'VP8L') {
      const b = buf.readUInt32LE(21);
      return { format: 'webp', width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
    }
    if (kind === 'VP8X') return { format: 'webp', width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
  }
  return { format: 'unknown' };
}

/** Decodes an 8-bit, non-interlaced PNG (grey, RGB, grey+alpha, RGBA) to { width, height, px(x,y) → [r,g,b,a] }. */
function decodePng(buf) {
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const depth = buf[24];
  const ctype = buf[25];
  assert.equal(depth, 8, 'test decoder handles 8-bit PNGs only');
  assert.equal(buf[28], 0, 'test decoder handles non-interlaced PNGs only');
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[ctype];
  assert.ok(channels, `test decoder: unsupported colour type ${ctype}`);
  const idat = [];
  for (let i = 8; i < buf.length; ) {
    const len = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('latin1');
    if (type === 'IDAT') idat.push(buf.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const px = (x, y) => {
    const o = y * stride + x * channels;
    if (channels === 1) return [out[o], out[o], out[o], 255];
    if (channels === 2) return [out[o], out[o], out[o], out[o + 1]];
    if (channels === 3) return [out[o], out[o + 1], out[o + 2], 255];
    return [out[o], out[o + 1], out[o + 2], out[o + 3]];
  };
  return { width, height, px, pixels: out };
}

function assertColour(img, x, y, want, what = '', tol = 45) {
  const got = img.px(x, y);
  assert.ok(
    got.slice(0, 3).every((v, i) => Math.abs(v - want[i]) <= tol),
    `${what} pixel (${x},${y}) of ${img.width}×${img.height} is ${got}, expected ~${want}`,
  );
}

const MIME = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

async function fetchImage(url, { format, init } = {}) {
  const r = await httpCall(url, init);
  assert.equal(r.status, 200, `GET ${url} → ${r.status}: ${r.show}`);
  const info = imageInfo(r.bytes);
  const ct = (r.headers.get('content-type') || '').split(';')[0].trim();
  assert.equal(ct, MIME[info.format], `GET ${url}: Content-Type ${ct} but the bytes are ${info.format}`);
  if (format) assert.equal(info.format, format, `GET ${url}: expected ${format}, got ${info.format}`);
  return { r, info };
}

// ------------------------------------------------------------------ signing by hand (spec §1.5)

function signByHand(privateKey, urlEndpoint, url, expiry) {
  const toSign = url.replace(urlEndpoint.replace(/\/+$/, '') + '/', '') + String(expiry);
  const sig = createHmac('sha1', privateKey).update(toSign).digest('hex');
  const sep = new URL(url).search ? '&' : '?';
  return expiry === 9999999999 ? `${url}${sep}ik-s=${sig}` : `${url}${sep}ik-t=${expiry}&ik-s=${sig}`;
}

function flipSigChar(url) {
  const [head, sig] = url.split(/ik-s=(?=[0-9a-f]{40}$)/);
  assert.ok(sig, `no ik-s in ${url}`);
  return `${head}ik-s=${sig.slice(0, 5)}${sig[5] === '0' ? '1' : '0'}${sig.slice(6)}`;
}

async function refused(url) {
  const r = await httpCall(url);
  assertJsonError(r, 401);
}

// ------------------------------------------------------------------ the tests

describe('@imagekit/nodejs 7.x helper.buildSrc → delivery', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  const up = async (folder, name, body = halvesPng(), extra = {}) =>
    ik.files.upload({ file: await toFile(body, name), fileName: name, folder, useUniqueFileName: false, ...extra });
  const src = (opts) => ik.helper.buildSrc({ urlEndpoint: server.urlEndpoint, ...opts });

  const GEOMETRY = [
    ['default maintain_ratio (cover)', [{ width: 100, height: 100 }], 100, 100, [[10, 50, RED], [90, 50, BLUE]]],
    ['focus left', [{ width: 100, height: 100, focus: 'left' }], 100, 100, [[10, 50, RED], [90, 50, RED]]],
    ['force', [{ width: 100, height: 100, crop: 'force' }], 100, 100, [[10, 50, RED], [90, 50, BLUE]]],
    ['at_max', [{ width: 100, height: 100, crop: 'at_max' }], 100, 50, [[10, 25, RED], [90, 25, BLUE]]],
    ['at_max_enlarge', [{ width: 800, height: 800, crop: 'at_max_enlarge' }], 800, 400, [[10, 200, RED]]],
    ['at_least', [{ width: 100, height: 100, crop: 'at_least' }], 200, 100, [[10, 50, RED], [190, 50, BLUE]]],
    ['pad_resize', [{ width: 100, height: 100, cropMode: 'pad_resize', background: '00C800' }], 100, 100,
      [[50, 5, GREEN], [10, 50, RED], [90, 50, BLUE]]],
    ['extract top_left', [{ width: 50, height: 50, cropMode: 'extract', focus: 'top_left' }], 50, 50, [[25, 25, RED]]],
    ['extract x/y', [{ width: 50, height: 50, cropMode: 'extract', x: 300, y: 100 }], 50, 50, [[25, 25, BLUE]]],
    ['pad_extract', [{ width: 500, height: 300, cropMode: 'pad_extract', background: '00C800' }], 500, 300,
      [[5, 5, GREEN], [100, 150, RED], [400, 150, BLUE]]],
    ['chain: fraction, then an ih expression on that result', [{ width: 0.5 }, { height: 'ih_div_2' }], 100, 50, [[10, 25, RED], [90, 25, BLUE]]],
    ['aspectRatio', [{ width: 100, aspectRatio: '1-1' }], 100, 100, [[10, 50, RED]]],
    ['dpr', [{ width: 100, dpr: 2 }], 200, 100, [[10, 50, RED], [190, 50, BLUE]]],
    ['rotation + flip chained', [{ rotation: 90 }, { flip: 'v' }], 200, 400, [[100, 10, BLUE], [100, 390, RED]]],
    ['named ik_ml_thumbnail', [{ named: 'ik_ml_thumbnail' }], 400, 200, [[10, 100, RED]]],
  ];

  for (const [name, tr, w, h, checks] of GEOMETRY) {
    test(`geometry: ${name} (path and query give the same pixels)`, async () => {
      const folder = newFolder();
      const file = await up(folder, 'h.png');
      const withPng = tr.map((s) => ({ ...s }));
      withPng.push({ format: 'png' });
      const decoded = {};
      for (const transformationPosition of ['path', 'query']) {
        const url = src({ src: file.filePath, transformation: withPng, transformationPosition });
        assert.ok(transformationPosition === 'path' ? url.includes('/tr:') : url.includes('?tr='), url);
        const { r, info } = await fetchImage(url, { format: 'png' });
        assert.deepEqual([info.width, info.height], [w, h], `${url}: size`);
        const img = decodePng(r.bytes);
        for (const [x, y, c] of checks) assertColour(img, x, y, c, url);
        decoded[transformationPosition] = img.pixels;
      }
      assert.ok(decoded.path.equals(decoded.query), 'path and query form give different pixels');
    });
  }

  test('formats: jpg, webp, gif, png and f-auto (Vary: Accept)', async () => {
    const folder = newFolder();
    const file = await up(folder, 'f.png');
    for (const [format, want] of [['jpg', 'jpeg'], ['webp', 'webp'], ['gif', 'gif'], ['png', 'png']]) {
      const url = src({ src: file.filePath, transformation: [{ width: 200, format }] });
      const { info } = await fetchImage(url, { format: want });
      assert.deepEqual([info.width, info.height], [200, 100]);
    }
    const avif = await httpCall(src({ src: file.filePath, transformation: [{ width: 200, format: 'avif' }] }));
    assert.equal(avif.status, 200, avif.show);
    assert.equal(avif.headers.get('content-type'), 'image/avif');
    assert.equal(avif.bytes.subarray(4, 12).toString('latin1'), 'ftypavif');
    const auto = src({ src: file.filePath, transformation: [{ width: 100 }], transformationPosition: 'path' });
    const webp = await fetchImage(auto, { init: { headers: { accept: 'image/webp,*/*' } } });
    assert.equal(webp.info.format, 'webp', 'f-auto with Accept: image/webp');
    assert.match(webp.r.headers.get('vary') || '', /accept/i);
    const png = await fetchImage(auto, { init: { headers: { accept: 'image/png' } } });
    assert.equal(png.info.format, 'png');
    assert.match(png.r.headers.get('vary') || '', /accept/i);
  });

  test('unsupported and unknown parameters → 400 JSON naming them', async () => {
    const folder = newFolder();
    const file = await up(folder, 'u.png', halvesPng(40, 20));
    const cases = [
      [[{ overlay: { type: 'video', input: 'clip.mp4' } }], 'l-video'],
      [[{ page: 2 }], 'pg'],
      [[{ aiRemoveBackground: true }], 'e-bgremove'],
      [[{ raw: 'qq-5' }], 'qq'],
    ];
    for (const [transformation, key] of cases) {
      for (const transformationPosition of ['path', 'query']) {
        const r = await httpCall(src({ src: file.filePath, transformation, transformationPosition }));
        assertJsonError(r, 400);
        assert.ok(r.json.message.includes(key), `400 message should name ${key}: ${r.json.message}`);
      }
    }
  });

  test('overlays: an image layer at lx/ly and a solid block, both forms', async () => {
    const folder = newFolder();
    const base = await up(folder, 'base.png', halvesPng(200, 100, RED, RED));
    const logo = await up(folder, 'logo.png', halvesPng(20, 20, BLUE, BLUE));
    for (const transformationPosition of ['path', 'query']) {
      const transformation = [
        { overlay: { type: 'image', input: logo.filePath, position: { x: 30, y: 40 } } },
        { overlay: { type: 'solidColor', color: '00FF00', transformation: [{ width: 10, height: 10 }], position: { x: 150, y: 5 } } },
        { format: 'png' },
      ];
      const url = src({ src: base.filePath, transformation, transformationPosition });
      assert.ok(url.includes('l-image'), url);
      const { r, info } = await fetchImage(url, { format: 'png' });
      assert.deepEqual([info.width, info.height], [200, 100]);
      const img = decodePng(r.bytes);
      assertColour(img, 40, 50, BLUE, `${url}: inside the logo`);
      assertColour(img, 25, 50, RED, `${url}: left of the logo`);
      assertColour(img, 155, 10, [0, 255, 0], `${url}: the solid block`);
    }
  });

  test('private file: signed and expiring URLs → 200, unsigned → 401 (also once cached)', async () => {
    const folder = newFolder();
    const png = halvesPng();
    const file = await up(folder, 'secret.png', png, { isPrivateFile: true });
    await refused(file.url);
    const signedOrig = src({ src: file.filePath, signed: true });
    assert.match(signedOrig, /\?ik-s=[0-9a-f]{40}$/);
    const orig = await httpCall(signedOrig);
    assert.equal(orig.status, 200, orig.show);
    assert.ok(orig.bytes.equals(png));

    const expiring = src({ src: file.filePath, expiresIn: 300 });
    const t = Number(new URL(expiring).searchParams.get('ik-t'));
    assert.ok(Math.abs(t - (Date.now() / 1000 + 300)) < 10, expiring);
    assert.equal((await httpCall(expiring)).status, 200);

    const tr = [{ width: 100, height: 100, crop: 'force', format: 'png' }];
    for (const transformationPosition of ['path', 'query']) {
      for (const extra of [{ signed: true }, { expiresIn: 600 }]) {
        const url = src({ src: file.filePath, transformation: tr, transformationPosition, ...extra });
        for (let i = 0; i < 2; i++) {
          const { r, info } = await fetchImage(url, { format: 'png' });
          assert.deepEqual([info.width, info.height], [100, 100]);
          assertColour(decodePng(r.bytes), 90, 50, BLUE);
        }
      }
      await refused(src({ src: file.filePath, transformation: tr, transformationPosition }));
    }
    await refused(file.url);
  });

  test('SDK signature equals the spec §1.5 algorithm', async () => {
    const folder = newFolder();
    const file = await up(folder, 'v.png', halvesPng(40, 20), { isPrivateFile: true });
    const tr = [{ width: 20, height: 10 }];
    const unsigned = src({ src: file.filePath, transformation: tr, transformationPosition: 'path' });
    const sdk = src({ src: file.filePath, transformation: tr, transformationPosition: 'path', signed: true });
    assert.equal(sdk, signByHand(server.privateKey, server.urlEndpoint, unsigned, 9999999999));
    assert.equal((await httpCall(sdk)).status, 200);
    const future = Math.floor(Date.now() / 1000) + 120;
    assert.equal((await httpCall(signByHand(server.privateKey, server.urlEndpoint, unsigned, future))).status, 200);
  });

  test('tampered signature, path, transformation or expiry → 401', async () => {
    const folder = newFolder();
    const a = await up(folder, 'a.png', halvesPng(), { isPrivateFile: true });
    await up(folder, 'b.png', halvesPng(400, 200, BLUE, RED), { isPrivateFile: true });
    for (const transformationPosition of ['path', 'query']) {
      for (const extra of [{ signed: true }, { expiresIn: 600 }]) {
        const url = src({ src: a.filePath, transformation: [{ width: 100, height: 100 }], transformationPosition, ...extra });
        assert.equal((await httpCall(url)).status, 200, url);
        await refused(flipSigChar(url));
        await refused(url.replace('/a.png', '/b.png'));
        await refused(url.replace('w-100', 'w-101'));
        await refused(url.replace('h-100', 'h-100,rt-90'));
        await refused(url.replace(/ik-s=[0-9a-f]{40}$/, 'ik-s='));
        const t = new URL(url).searchParams.get('ik-t');
        if (t) {
          await refused(url.replace(`ik-t=${t}`, `ik-t=${Number(t) + 3600}`));
          await refused(url.replace(`ik-t=${t}&`, ''));
        }
      }
    }
    const unsigned = src({ src: a.filePath, transformation: [{ width: 100 }] });
    await refused(signByHand('private_wrong_key', server.urlEndpoint, unsigned, 9999999999));
  });

  test('expired signed URLs → 401', async () => {
    const folder = newFolder();
    const file = await up(folder, 'e.png', halvesPng(40, 20), { isPrivateFile: true });
    const url = src({ src: file.filePath, transformation: [{ width: 20 }], transformationPosition: 'path', expiresIn: 1 });
    const t = Number(new URL(url).searchParams.get('ik-t'));
    while (Date.now() / 1000 <= t + 1.2) await new Promise((r) => setTimeout(r, 250));
    await refused(url);
    for (const transformation of [undefined, [{ width: 20 }]]) {
      const unsigned = src({ src: file.filePath, transformation });
      await refused(signByHand(server.privateKey, server.urlEndpoint, unsigned, Math.floor(Date.now() / 1000) - 30));
    }
  });

  test('delete → cached transformed URL still 200 → purge exact and prefix* → 404', async () => {
    const folder = newFolder();
    const file = await up(folder, 'c.png');
    const tr = [{ width: 100, height: 50, format: 'png' }];
    const pathUrl = src({ src: file.filePath, transformation: tr, transformationPosition: 'path' });
    const queryUrl = src({ src: file.filePath, transformation: tr, transformationPosition: 'query' });
    const first = {};
    for (const u of [pathUrl, queryUrl]) first[u] = (await fetchImage(u, { format: 'png' })).r.bytes;
    await ik.files.delete(file.fileId);
    for (const u of [pathUrl, queryUrl]) {
      const again = await fetchImage(u, { format: 'png' });
      assert.ok(again.r.bytes.equals(first[u]), 'the cached variant is served after the delete');
    }
    const purge = async (url) => {
      const { requestId } = await ik.cache.invalidation.create({ url });
      await waitPurgeCompleted(async () => (await ik.cache.invalidation.get(requestId)).status);
    };
    await purge(pathUrl);
    assertJsonError(await httpCall(pathUrl), 404);
    assert.equal((await httpCall(queryUrl)).status, 200, 'purging the path-form URL leaves the query form');
    await purge(file.url + '*');
    assertJsonError(await httpCall(queryUrl), 404);
  });

  test('named transformation created with namedTransformations.create, used as n-<name>', async () => {
    const folder = newFolder();
    const file = await up(folder, 'n.png');
    const name = `ht_${randomBytes(5).toString('hex')}`;
    const created = await ik.namedTransformations.create({ name, transformation: 'w-100,h-50,c-force,f-png' });
    assert.equal(created.name, name);
    for (const transformationPosition of ['path', 'query']) {
      const url = src({ src: file.filePath, transformation: [{ named: name }], transformationPosition });
      assert.ok(url.includes(`n-${name}`), url);
      const { r, info } = await fetchImage(url, { format: 'png' });
      assert.deepEqual([info.width, info.height], [100, 50]);
      const img = decodePng(r.bytes);
      assertColour(img, 10, 25, RED);
      assertColour(img, 90, 25, BLUE);
    }
    assertJsonError(await httpCall(src({ src: file.filePath, transformation: [{ named: 'nope_not_defined' }] })), 400);
  });
});

describe('@imagekit/nodejs 7.x delivery with HALFTONE_PURGE_ON_DELETE=true', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer({ env: { HALFTONE_PURGE_ON_DELETE: 'true' } });
    ik = client(server);
  });
  after(async () => server?.stop());

  test('delete purges the transformed variants (path and query form) and the original', async () => {
    const folder = newFolder();
    const file = await ik.files.upload({ file: await toFile(halvesPng(), 'p.png'), fileName: 'p.png', folder, useUniqueFileName: false });
    const tr = [{ width: 100, format: 'png' }];
    const urls = {
      path: ik.helper.buildSrc({ urlEndpoint: server.urlEndpoint, src: file.filePath, transformation: tr, transformationPosition: 'path' }),
      query: ik.helper.buildSrc({ urlEndpoint: server.urlEndpoint, src: file.filePath, transformation: tr }),
      original: file.url,
    };
    for (const u of Object.values(urls)) assert.equal((await httpCall(u)).status, 200);
    await ik.files.delete(file.fileId);
    const statuses = {};
    for (const [k, u] of Object.entries(urls)) statuses[k] = (await httpCall(u)).status;
    assert.deepEqual(statuses, { path: 404, query: 404, original: 404 }, 'every cached variant of the deleted file is purged');
  });
});
