// The older Node client `imagekit` 6.x (the one on ImageKit's "Delete file" page).
// It hard-codes https://api.imagekit.io and https://upload.imagekit.io and sends every call
// through the DEFAULT axios instance, so the test adds a request interceptor to that very
// instance (the CommonJS copy imagekit itself requires) that rewrites both hosts to Halftone.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

import { FILE_ID, httpCall, makePng, unknownId, waitPurgeCompleted } from './helpers.mjs';
import { newFolder, startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const ImageKit = require('imagekit');
// The axios module exactly as imagekit's dist/utils/request.js resolves it. Importing it with
// `import` would load axios' ESM build, a different instance whose interceptors imagekit never sees.
const imagekitRequire = createRequire(require.resolve('imagekit'));
const axios = imagekitRequire('axios');

const NOT_FOUND = 'The requested file does not exist.';
const BULK_NOT_FOUND = 'The requested file(s) does not exist.';
const BAD_KEY = 'Your account cannot be authenticated.';
const HOSTS = /^https:\/\/(api|upload)\.imagekit\.io(?=\/)/;

let target = null; // base URL of the running server; requests are refused while null
const rewritten = [];

axios.interceptors.request.use((config) => {
  const url = String(config.url);
  if (!HOSTS.test(url)) {
    if (/imagekit\.io/.test(url)) throw new Error(`refusing to contact ImageKit: ${url}`);
    return config;
  }
  if (!target) throw new Error(`no Halftone server to send ${url} to`);
  config.url = url.replace(HOSTS, target);
  config.proxy = false; // never route 127.0.0.1 through an HTTP(S)_PROXY from the environment
  config.timeout = 20_000;
  rewritten.push(`${String(config.method).toUpperCase()} ${config.url}`);
  return config;
});

/** Calls an imagekit 6.x method in callback form; resolves to [err, result]. */
function viaCallback(fn, ...args) {
  return new Promise((resolve) => {
    fn(...args, (err, result) => resolve([err, result]));
  });
}

/** Awaits a promise-form call that must reject; returns the rejection value. */
async function rejection(promise) {
  try {
    const v = await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('imagekit 6.x (legacy client, hosts rewritten through the default axios instance)', () => {
  let server;
  let ik;
  before(async () => {
    // only one axios on disk, and it is the one imagekit uses
    assert.equal(imagekitRequire.resolve('axios'), require.resolve('axios'), 'a single axios copy must be installed');
    server = await startServer();
    target = server.baseUrl;
    ik = new ImageKit({ publicKey: server.publicKey, privateKey: server.privateKey, urlEndpoint: server.urlEndpoint });
  });
  after(async () => {
    target = null;
    await server?.stop();
  });

  async function upload(folder, name, png = makePng(4, 4)) {
    const r = await ik.upload({ file: png, fileName: name, folder, useUniqueFileName: false });
    assert.match(r.fileId, FILE_ID);
    return r;
  }

  test('the interceptor is in the path: upload and API calls reach Halftone', async () => {
    const before = rewritten.length;
    const folder = newFolder();
    const up = await upload(folder, 'probe.png');
    await ik.getFileDetails(up.fileId);
    const mine = rewritten.slice(before);
    assert.deepEqual(mine, [
      `POST ${server.baseUrl}/api/v1/files/upload`,
      `GET ${server.baseUrl}/v1/files/${up.fileId}/details`,
    ]);
  });

  test('upload (promise form): the answer parses, $ResponseMetadata.statusCode 200', async () => {
    const folder = newFolder();
    const png = makePng(7, 5);
    const r = await ik.upload({ file: png, fileName: 'legacy.png', folder, useUniqueFileName: false, tags: ['x', 'y'] });
    assert.equal(r.$ResponseMetadata.statusCode, 200);
    assert.match(r.fileId, FILE_ID);
    assert.equal(r.name, 'legacy.png');
    assert.equal(r.filePath, `${folder}/legacy.png`);
    assert.equal(r.url, `${server.urlEndpoint}${folder}/legacy.png`);
    assert.equal(typeof r.thumbnailUrl, 'string');
    assert.equal(r.fileType, 'image');
    assert.equal(r.size, png.length);
    assert.equal(r.width, 7);
    assert.equal(r.height, 5);
    assert.deepEqual(r.versionInfo, { id: r.fileId, name: 'Version 1' });
    const got = await httpCall(r.url);
    assert.equal(got.status, 200);
    assert.ok(got.bytes.equals(png));
  });

  test('upload (callback form) of a base64 string with a unique name', async () => {
    const folder = newFolder();
    const png = makePng(3, 8);
    const [err, r] = await viaCallback(ik.upload.bind(ik), { file: png.toString('base64'), fileName: 'cb.png', folder });
    assert.equal(err, null, `upload failed: ${JSON.stringify(err)}`);
    assert.equal(r.$ResponseMetadata.statusCode, 200);
    assert.notEqual(r.name, 'cb.png', 'useUniqueFileName defaults to true');
    assert.match(r.name, /^cb_[A-Za-z0-9_-]+\.png$/);
    assert.equal(r.size, png.length);
    assert.equal(r.width, 3);
    assert.equal(r.height, 8);
  });

  test('upload with an unsupported parameter → err with a 400 message naming it', async () => {
    const [err, r] = await viaCallback(ik.upload.bind(ik), {
      file: makePng(2, 2),
      fileName: 'ext.png',
      folder: newFolder(),
      extensions: [{ name: 'aws-auto-tagging', maxTags: 5, minConfidence: 90 }],
    });
    assert.equal(r, null);
    assert.equal(err.$ResponseMetadata.statusCode, 400);
    assert.match(err.message, /extensions/);
  });

  test('getFileDetails (promise and callback forms)', async () => {
    const folder = newFolder();
    const png = makePng(5, 5, { alpha: true });
    const up = await upload(folder, 'details.png', png);
    const d = await ik.getFileDetails(up.fileId);
    assert.equal(d.$ResponseMetadata.statusCode, 200);
    assert.equal(d.fileId, up.fileId);
    assert.equal(d.type, 'file');
    assert.equal(d.name, 'details.png');
    assert.equal(d.filePath, `${folder}/details.png`);
    assert.equal(d.mime, 'image/png');
    assert.equal(d.size, png.length);
    assert.equal(d.hasAlpha, true);
    assert.deepEqual(d.versionInfo, { id: up.fileId, name: 'Version 1' });

    const [err, d2] = await viaCallback(ik.getFileDetails.bind(ik), up.fileId);
    assert.equal(err, null);
    assert.equal(d2.fileId, up.fileId);
    assert.equal(d2.$ResponseMetadata.statusCode, 200);
  });

  test('deleteFile(fileId, callback) → success, statusCode 204; again → err 404', async () => {
    const up = await upload(newFolder(), 'del.png');
    const [err, result] = await viaCallback(ik.deleteFile.bind(ik), up.fileId);
    assert.equal(err, null, `delete failed: ${JSON.stringify(err)}`);
    assert.equal(result.$ResponseMetadata.statusCode, 204);
    assert.deepEqual(result, {}, 'a 204 carries no body');

    const [err2, result2] = await viaCallback(ik.deleteFile.bind(ik), up.fileId);
    assert.equal(result2, null);
    assert.equal(err2.$ResponseMetadata.statusCode, 404);
    assert.equal(err2.message, NOT_FOUND);
    assert.equal(typeof err2.help, 'string');

    const [err3] = await viaCallback(ik.getFileDetails.bind(ik), up.fileId);
    assert.equal(err3.$ResponseMetadata.statusCode, 404);
    assert.equal(err3.message, NOT_FOUND);
  });

  test('deleteFile (promise form): resolves, then rejects with the 404 body', async () => {
    const up = await upload(newFolder(), 'del-promise.png');
    const result = await ik.deleteFile(up.fileId);
    assert.equal(result.$ResponseMetadata.statusCode, 204);
    const err = await rejection(ik.deleteFile(up.fileId));
    assert.equal(err.$ResponseMetadata.statusCode, 404);
    assert.equal(err.message, NOT_FOUND);
  });

  test('deleteFile of a never-existing id → err 404 with the message', async () => {
    const [err] = await viaCallback(ik.deleteFile.bind(ik), unknownId());
    assert.equal(err.$ResponseMetadata.statusCode, 404);
    assert.equal(err.message, NOT_FOUND);
  });

  test('bulkDeleteFiles, all found → successfullyDeletedFileIds', async () => {
    const folder = newFolder();
    const a = await upload(folder, 'a.png');
    const b = await upload(folder, 'b.png');
    const [err, r] = await viaCallback(ik.bulkDeleteFiles.bind(ik), [a.fileId, b.fileId]);
    assert.equal(err, null, JSON.stringify(err));
    assert.equal(r.$ResponseMetadata.statusCode, 200);
    assert.deepEqual([...r.successfullyDeletedFileIds].sort(), [a.fileId, b.fileId].sort());
    const e = await rejection(ik.getFileDetails(a.fileId));
    assert.equal(e.$ResponseMetadata.statusCode, 404);
  });

  test('bulkDeleteFiles with an unknown id → err 404 missingFileIds, nothing deleted', async () => {
    const folder = newFolder();
    const a = await upload(folder, 'a.png');
    const missing = unknownId();
    const err = await rejection(ik.bulkDeleteFiles([a.fileId, missing]));
    assert.equal(err.$ResponseMetadata.statusCode, 404);
    assert.equal(err.message, BULK_NOT_FOUND);
    assert.deepEqual(err.missingFileIds, [missing]);
    assert.equal(typeof err.help, 'string');
    const d = await ik.getFileDetails(a.fileId);
    assert.equal(d.fileId, a.fileId, 'all-or-nothing: the known file is still there');
  });

  test('purgeCache + getPurgeCacheStatus: delete keeps the cache, purge clears it', async () => {
    const folder = newFolder();
    const png = makePng(6, 3);
    const up = await upload(folder, 'purge.png', png);
    assert.ok((await httpCall(up.url)).bytes.equals(png));
    await ik.deleteFile(up.fileId);
    const cached = await httpCall(up.url);
    assert.equal(cached.status, 200, 'delete does not purge');
    assert.ok(cached.bytes.equals(png));

    const [err, purge] = await viaCallback(ik.purgeCache.bind(ik), up.url);
    assert.equal(err, null, JSON.stringify(err));
    assert.equal(purge.$ResponseMetadata.statusCode, 201);
    assert.match(purge.requestId, FILE_ID);

    await waitPurgeCompleted(async () => {
      const s = await ik.getPurgeCacheStatus(purge.requestId);
      assert.equal(s.$ResponseMetadata.statusCode, 200);
      return s.status;
    });
    const [err2, s2] = await viaCallback(ik.getPurgeCacheStatus.bind(ik), purge.requestId);
    assert.equal(err2, null);
    assert.equal(s2.status, 'Completed');

    const gone = await httpCall(up.url);
    assert.equal(gone.status, 404);
  });

  test('purgeCache (promise form) of an invalid URL → 400', async () => {
    const err = await rejection(ik.purgeCache('not a url'));
    assert.equal(err.$ResponseMetadata.statusCode, 400);
    assert.equal(err.message, 'The URL is not valid for cache purging.');
  });

  test('wrong private key → err 403 "Your account cannot be authenticated."', async () => {
    const up = await upload(newFolder(), 'guard.png');
    const wrong = new ImageKit({
      publicKey: server.publicKey,
      privateKey: `private_wrong_${unknownId()}`,
      urlEndpoint: server.urlEndpoint,
    });
    const [err] = await viaCallback(wrong.deleteFile.bind(wrong), up.fileId);
    assert.equal(err.$ResponseMetadata.statusCode, 403);
    assert.equal(err.message, BAD_KEY);
    const d = await ik.getFileDetails(up.fileId);
    assert.equal(d.fileId, up.fileId, 'the file survives');

    // an upload refused for its key answers 403 even while axios is still sending the body
    const big = makePng(300, 300, { noise: true });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [uerr, ures] = await viaCallback(wrong.upload.bind(wrong), { file: big, fileName: 'big.png', folder: newFolder() });
      assert.equal(ures, null);
      assert.equal(
        uerr.$ResponseMetadata?.statusCode,
        403,
        `attempt ${attempt}: expected a 403 answer, got ${uerr?.code ?? ''} ${uerr?.message}`,
      );
      assert.equal(uerr.message, BAD_KEY);
    }
  });
});
