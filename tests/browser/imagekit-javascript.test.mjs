// ImageKit's browser SDK, @imagekit/javascript, in headless Chromium: a page served from its
// own loopback origin gets client-side auth parameters (token, expire, signature) from its
// backend, made with @imagekit/nodejs's getAuthenticationParameters, and the SDK uploads
// the file cross-origin to Halftone's /api/v1/files/upload (spec §1.3). How the SDK's
// hard-coded upload URL is pointed at Halftone: pages/imagekit-upload.js.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ImageKit from '@imagekit/nodejs';
import {
  basicAuth,
  launchBrowser,
  makePng,
  newFolder,
  startHalftone,
  startStaticServer,
  suiteDir,
  watchPage,
} from './lib/index.mjs';

const REUSED = (token) =>
  `The token with value '${token}' has been used before. We suggest using V4 UUIDs, or another random string with enough entropy to avoid collisions.`;

let halftone;
let app;
let browser;
let backend;

before(async () => {
  halftone = await startHalftone();
  backend = new ImageKit({ privateKey: halftone.privateKey });
  app = await startStaticServer({
    mounts: {
      '/sdk/': join(suiteDir, 'node_modules', '@imagekit', 'javascript', 'dist'),
      '/': join(suiteDir, 'pages'),
    },
    // The app's backend: what an ImageKit customer's server hands its pages.
    handler: (req, res) => {
      if (new URL(req.url, app.origin).pathname !== '/auth') return false;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(backend.helper.getAuthenticationParameters()));
      return true;
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await halftone?.stop();
});

/** A fresh page of the app, ready to upload to `server` (the shared Halftone by default). */
async function openApp(t, server = halftone) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = watchPage(page);
  const query = new URLSearchParams({ upload: server.origin, publicKey: server.publicKey });
  await page.goto(app.url(`/imagekit-upload.html?${query}`));
  await page.waitForFunction(() => window.pageReady === true);
  assert.notEqual(new URL(page.url()).origin, server.origin, 'the page must be on another origin than Halftone');
  return { page, seen };
}

/** One more Halftone with its own settings, stopped when the test ends. */
async function extraHalftone(t, env) {
  const server = await startHalftone({ env });
  t.after(() => server.stop());
  return server;
}

function upload(page, png, args) {
  return page.evaluate((a) => window.uploadFile(a), { bytes: [...png], ...args });
}

async function details(fileId) {
  const res = await fetch(`${halftone.baseUrl}/v1/files/${fileId}/details`, {
    headers: { Authorization: basicAuth(halftone.privateKey) },
  });
  assert.equal(res.status, 200, `details of ${fileId}: ${await res.clone().text()}`);
  return res.json();
}

async function filesIn(folder, server = halftone) {
  const q = new URLSearchParams({ path: folder });
  const res = await fetch(`${server.baseUrl}/v1/files?${q}`, {
    headers: { Authorization: basicAuth(server.privateKey) },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

test('an upload from another origin succeeds and the file is then delivered', async (t) => {
  const { page, seen } = await openApp(t);
  const folder = newFolder();
  const png = makePng(30, 20);
  const out = await upload(page, png, { fileName: 'hello.png', options: { folder, useUniqueFileName: false } });
  assert.equal(out.ok, true, `upload failed: ${JSON.stringify(out)}\n${seen.describe()}\n${halftone.logs()}`);

  assert.deepEqual(
    await page.evaluate(() => window.sentTo.map((s) => [s.method, s.sdkUrl, s.url])),
    [['POST', 'https://upload.imagekit.io/api/v1/files/upload', `${halftone.origin}/api/v1/files/upload`]],
  );

  const file = out.result;
  assert.match(file.fileId, /^[0-9a-f]{24}$/);
  assert.equal(file.name, 'hello.png');
  assert.equal(file.filePath, `${folder}/hello.png`);
  assert.equal(file.fileType, 'image');
  assert.equal(file.size, png.length);
  assert.equal(file.width, 30);
  assert.equal(file.height, 20);
  assert.equal(file.url, `${halftone.urlEndpoint}${folder}/hello.png`);
  assert.equal(file.$ResponseMetadata.statusCode, 200);

  assert.equal((await details(file.fileId)).filePath, `${folder}/hello.png`);

  const delivered = await fetch(file.url);
  assert.equal(delivered.status, 200);
  assert.equal(sha256(Buffer.from(await delivered.arrayBuffer())), sha256(png), 'delivered bytes differ from the upload');

  const shown = await page.evaluate((src) => window.renderImage(src), file.url);
  assert.deepEqual(shown, { ok: true, naturalWidth: 30, naturalHeight: 20 }, seen.describe());
});

test('a reused token is refused with the spec error as ImageKitInvalidRequestError', async (t) => {
  const { page, seen } = await openApp(t);
  const folder = newFolder();
  const options = { folder, useUniqueFileName: false };
  const auth = backend.helper.getAuthenticationParameters();

  const first = await upload(page, makePng(), { fileName: 'first.png', auth, options });
  assert.equal(first.ok, true, `first upload failed: ${JSON.stringify(first)}\n${seen.describe()}`);

  const again = await upload(page, makePng(), { fileName: 'again.png', auth, options });
  assert.equal(again.ok, false, 'the second upload with the same token must be refused');
  assert.equal(again.invalidRequest, true, `expected ImageKitInvalidRequestError, got ${JSON.stringify(again)}`);
  assert.equal(again.statusCode, 400);
  assert.equal(again.message, REUSED(auth.token));
  assert.deepEqual((await filesIn(folder)).map((f) => f.name), ['first.png']);
});

test('a token stays used when the upload that carried it failed', async (t) => {
  const { page, seen } = await openApp(t);
  const folder = newFolder();
  const auth = backend.helper.getAuthenticationParameters();

  // Signed correctly, refused by the upload itself: no custom metadata field of that name.
  const failed = await upload(page, makePng(), {
    fileName: 'a.png',
    auth,
    options: { folder, customMetadata: { noSuchField: 'x' } },
  });
  assert.equal(failed.ok, false, `the upload with an unknown custom metadata field must fail: ${JSON.stringify(failed)}`);
  assert.equal(failed.invalidRequest, true, JSON.stringify(failed));
  assert.notEqual(failed.message, REUSED(auth.token));

  const retry = await upload(page, makePng(), { fileName: 'a.png', auth, options: { folder } });
  assert.equal(retry.ok, false, `the token must not work a second time: ${JSON.stringify(retry)}\n${seen.describe()}`);
  assert.equal(retry.statusCode, 400);
  assert.equal(retry.message, REUSED(auth.token));
  assert.deepEqual(await filesIn(folder), []);
});

test('a bad signature is refused and stores nothing', async (t) => {
  const { page } = await openApp(t);
  const folder = newFolder();
  const good = backend.helper.getAuthenticationParameters();
  // Signed with another key: what a page gets from a backend with the wrong private key.
  const other = new ImageKit({ privateKey: `${halftone.privateKey}_not` }).helper.getAuthenticationParameters(
    good.token,
    good.expire,
  );
  assert.notEqual(other.signature, good.signature);

  const out = await upload(page, makePng(), { fileName: 'bad.png', auth: other, options: { folder } });
  assert.equal(out.ok, false, 'an upload signed with another key must be refused');
  assert.equal(out.invalidRequest, true, `expected ImageKitInvalidRequestError, got ${JSON.stringify(out)}`);
  assert.equal(out.statusCode, 400);
  assert.equal(out.message, 'Your request contains invalid signature parameter.');
  assert.deepEqual(await filesIn(folder), []);
});

test('an expired or a wrong public key is refused through the SDK', async (t) => {
  const { page } = await openApp(t);
  const folder = newFolder();

  const past = backend.helper.getAuthenticationParameters(undefined, Math.floor(Date.now() / 1000) - 60);
  const expired = await upload(page, makePng(), { fileName: 'old.png', auth: past, options: { folder } });
  assert.equal(expired.invalidRequest, true, JSON.stringify(expired));
  assert.equal(expired.statusCode, 400);
  assert.equal(
    expired.message,
    'Your request contains invalid expire parameter. Expire parameter should be a Unix time in less than 1 hour into the future.',
  );

  const stranger = await upload(page, makePng(), {
    fileName: 'stranger.png',
    options: { folder, publicKey: `${halftone.publicKey}_other` },
  });
  assert.equal(stranger.invalidRequest, true, JSON.stringify(stranger));
  assert.equal(stranger.statusCode, 403);
  assert.equal(stranger.message, 'Your account cannot be authenticated.');
  assert.deepEqual(await filesIn(folder), []);
});

test('upload progress reaches the page through onProgress', async (t) => {
  const { page, seen } = await openApp(t);
  // Random pixels do not compress: a file of about 200 KB.
  const png = makePng(256, 256, { noise: true });
  // An upload listener makes the request a preflighted one, so this also needs Halftone's
  // answer to the OPTIONS preflight.
  const out = await upload(page, png, { fileName: 'big.png', options: { folder: newFolder() }, progress: true });
  assert.equal(out.ok, true, `upload failed: ${JSON.stringify({ ...out, progress: out.progress.length })}\n${seen.describe()}`);
  assert.equal(out.result.size, png.length);

  const events = out.progress;
  assert.ok(events.length >= 1, 'no progress event');
  for (const e of events) assert.equal(e.lengthComputable, true, JSON.stringify(e));
  for (let i = 1; i < events.length; i++) {
    assert.ok(events[i].loaded >= events[i - 1].loaded, `progress went back: ${JSON.stringify(events)}`);
  }
  const last = events.at(-1);
  assert.equal(last.loaded, last.total, `the last event should be complete: ${JSON.stringify(last)}`);
  assert.ok(last.total > png.length, `the multipart body (${last.total} B) holds the ${png.length} B file`);
});

test('an upload with tags and a folder files it there with those tags', async (t) => {
  const { page, seen } = await openApp(t);
  const folder = `${newFolder()}/nested/deeper`;
  const out = await upload(page, makePng(8, 8), {
    fileName: 'tagged.png',
    options: { folder, tags: ['holiday', 'beach-2026'], useUniqueFileName: true, responseFields: ['tags'] },
  });
  assert.equal(out.ok, true, `upload failed: ${JSON.stringify(out)}\n${seen.describe()}`);
  const file = out.result;
  assert.deepEqual(file.tags, ['holiday', 'beach-2026']);
  assert.ok(file.filePath.startsWith(`${folder}/tagged`), file.filePath);
  assert.notEqual(file.name, 'tagged.png', 'useUniqueFileName should have made the name unique');
  assert.match(file.name, /^tagged.*\.png$/);

  const stored = await details(file.fileId);
  assert.deepEqual(stored.tags, ['holiday', 'beach-2026']);
  assert.equal(stored.filePath, file.filePath);
  assert.deepEqual((await filesIn(folder)).map((f) => f.fileId), [file.fileId]);
});

test('buildSrc URLs render in an <img> at the width they ask for', async (t) => {
  const { page, seen } = await openApp(t);
  const folder = newFolder();
  const out = await upload(page, makePng(120, 80), { fileName: 'wide.png', options: { folder, useUniqueFileName: false } });
  assert.equal(out.ok, true, `upload failed: ${JSON.stringify(out)}\n${seen.describe()}`);

  for (const transformationPosition of ['query', 'path']) {
    const src = await page.evaluate(
      (o) => window.buildSrc(o),
      { urlEndpoint: halftone.urlEndpoint, src: out.result.filePath, transformation: [{ width: 40 }], transformationPosition },
    );
    const expected =
      transformationPosition === 'query'
        ? `${halftone.urlEndpoint}${folder}/wide.png?tr=w-40`
        : `${halftone.urlEndpoint}/tr:w-40${folder}/wide.png`;
    assert.equal(src, expected);
    const shown = await page.evaluate((s) => window.renderImage(s), src);
    assert.equal(shown.ok, true, `${src} did not load\n${seen.describe()}`);
    assert.equal(shown.naturalWidth, 40, `${src}: ${JSON.stringify(shown)}`);
    assert.ok(Math.abs(shown.naturalHeight - 80 / 3) < 1, `${src} keeps the aspect ratio: ${JSON.stringify(shown)}`);
  }
});

test('the management API does not answer this page, though uploads do', async (t) => {
  const { page } = await openApp(t);
  const url = `${halftone.baseUrl}/v1/files`;
  const authorization = basicAuth(halftone.privateKey);

  // The same request from outside a browser works, so only CORS can stop the page's.
  const direct = await fetch(url, { headers: { Authorization: authorization } });
  assert.equal(direct.status, 200);

  const fromPage = await page.evaluate(([u, a]) => window.tryManagementApi(u, a), [url, authorization]);
  assert.equal(fromPage.ok, false, `a page on another origin read the management API: ${JSON.stringify(fromPage)}`);
  assert.equal(fromPage.name, 'TypeError');
});

test('with origins configured, only the listed page origin may upload or call the management API', async (t) => {
  const listed = await extraHalftone(t, {
    HALFTONE_CORS_ORIGINS: app.origin,
    HALFTONE_CORS_API_ORIGINS: app.origin,
  });
  const { page, seen } = await openApp(t, listed);
  const auth = new ImageKit({ privateKey: listed.privateKey }).helper.getAuthenticationParameters();
  const ok = await upload(page, makePng(), { fileName: 'ok.png', auth, options: { folder: newFolder() }, progress: true });
  assert.equal(ok.ok, true, `the listed origin's upload failed: ${JSON.stringify(ok)}\n${seen.describe()}`);
  const api = await page.evaluate(([u, a]) => window.tryManagementApi(u, a), [
    `${listed.baseUrl}/v1/files`,
    basicAuth(listed.privateKey),
  ]);
  assert.equal(api.ok, true, `the listed origin could not call the management API: ${JSON.stringify(api)}`);
  assert.equal(api.status, 200);
  assert.equal(JSON.parse(api.body).length, 1);

  const elsewhere = await extraHalftone(t, { HALFTONE_CORS_ORIGINS: 'http://127.0.0.1:9' });
  const other = await openApp(t, elsewhere);
  const folder = newFolder();
  const refusedAuth = new ImageKit({ privateKey: elsewhere.privateKey }).helper.getAuthenticationParameters();
  // onProgress makes the browser ask first (a preflight); refused, the upload is never sent.
  const refused = await upload(other.page, makePng(), {
    fileName: 'no.png',
    auth: refusedAuth,
    options: { folder },
    progress: true,
  });
  assert.equal(refused.ok, false, 'an origin that is not listed must not be able to upload');
  assert.equal(refused.networkError, true, `expected ImageKitUploadNetworkError: ${JSON.stringify(refused)}`);
  assert.deepEqual(await filesIn(folder, elsewhere), [], 'the refused preflight should have kept the upload from being sent');
});
