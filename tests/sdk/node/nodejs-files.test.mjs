// Details, delete, bulk delete and authentication with @imagekit/nodejs 7.x, plus the
// same calls on the wire with plain fetch (exact status, empty 204 body, hostile ids).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import ImageKit, {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  toFile,
} from '@imagekit/nodejs';

import {
  FILE_ID,
  ISO_MS,
  assertJsonError,
  basicAuth,
  expectApiError,
  httpCall,
  makePng,
  unknownId,
} from './helpers.mjs';
import { client } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

const NOT_FOUND = 'The requested file does not exist.';
const BULK_NOT_FOUND = 'The requested file(s) does not exist.';
const NO_KEY = 'Your request does not contain private API key.';
const BAD_KEY = 'Your account cannot be authenticated.';

describe('@imagekit/nodejs 7.x files', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  async function upload(folder, name = 'f.png', png = makePng(4, 4), extra = {}) {
    return ik.files.upload({ file: await toFile(png, name), fileName: name, folder, useUniqueFileName: false, ...extra });
  }

  // ---------------------------------------------------------------- details
  test('files.get returns the File object of the spec', async () => {
    const folder = newFolder();
    const png = makePng(10, 6, { alpha: true });
    const up = await upload(folder, 'detail.png', png);
    const { data: d, response } = await ik.files.get(up.fileId).withResponse();
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('x-ik-requestid'), 'every response carries x-ik-requestId');
    assert.equal(d.type, 'file');
    assert.equal(d.fileId, up.fileId);
    assert.equal(d.name, 'detail.png');
    assert.equal(d.filePath, `${folder}/detail.png`);
    assert.equal(d.url, `${server.urlEndpoint}${folder}/detail.png`);
    assert.equal(typeof d.thumbnail, 'string', 'details name the thumbnail `thumbnail`');
    assert.equal(d.fileType, 'image');
    assert.equal(d.mime, 'image/png');
    assert.equal(d.size, png.length);
    assert.equal(d.width, 10);
    assert.equal(d.height, 6);
    assert.equal(d.hasAlpha, true);
    assert.equal(d.tags, null, 'tags is null when none');
    assert.equal(d.customCoordinates, null);
    assert.deepEqual(d.customMetadata, {});
    assert.equal(d.isPrivateFile, false);
    assert.equal(d.isPublished, true);
    assert.deepEqual(d.versionInfo, { id: up.fileId, name: 'Version 1' });
    assert.match(d.createdAt, ISO_MS);
    assert.match(d.updatedAt, ISO_MS);
  });

  test('files.get of an RGB PNG reports hasAlpha false', async () => {
    const up = await upload(newFolder(), 'rgb.png', makePng(3, 3, { alpha: false }));
    const d = await ik.files.get(up.fileId);
    assert.equal(d.hasAlpha, false);
  });

  test('files.get of an unknown fileId → NotFoundError', async () => {
    await expectApiError(ik.files.get(unknownId()), NotFoundError, 404, NOT_FOUND);
  });

  // ---------------------------------------------------------------- delete
  test('files.delete → 204 empty; then get → 404; second delete → 404', async () => {
    const folder = newFolder();
    const up = await upload(folder, 'gone.png');
    const { data, response } = await ik.files.delete(up.fileId).withResponse();
    assert.equal(response.status, 204);
    assert.equal(data, null);
    await expectApiError(ik.files.get(up.fileId), NotFoundError, 404, NOT_FOUND);
    await expectApiError(ik.files.delete(up.fileId), NotFoundError, 404, NOT_FOUND);
    // never delivered before the delete, so nothing cached: the path is gone
    assertJsonError(await httpCall(up.url), 404);
  });

  test('files.delete removes every version of the file', async () => {
    const folder = newFolder();
    const first = await upload(folder, 'versions.png', makePng(2, 2));
    const second = await upload(folder, 'versions.png', makePng(3, 3));
    assert.equal(second.fileId, first.fileId);
    assert.equal(second.versionInfo.name, 'Version 2');
    await ik.files.delete(first.fileId);
    await expectApiError(ik.files.get(first.fileId), NotFoundError, 404, NOT_FOUND);
    // the path is free again: a new upload there is a new file at Version 1
    const again = await upload(folder, 'versions.png', makePng(4, 4));
    assert.notEqual(again.fileId, first.fileId);
    assert.equal(again.versionInfo.name, 'Version 1');
  });

  test('DELETE on the wire: 204 with an empty body and x-ik-requestId; then 404 JSON', async () => {
    const up = await upload(newFolder(), 'wire.png');
    const auth = { authorization: basicAuth(server.privateKey) }; // curl style: empty password
    const r = await httpCall(`${server.baseUrl}/v1/files/${up.fileId}`, { method: 'DELETE', headers: auth });
    assert.equal(r.status, 204);
    assert.equal(r.bytes.length, 0, 'a 204 has an empty body');
    assert.ok(r.headers.get('x-ik-requestid'));
    const again = await httpCall(`${server.baseUrl}/v1/files/${up.fileId}`, { method: 'DELETE', headers: auth });
    assertJsonError(again, 404, NOT_FOUND);
    assert.ok(again.headers.get('x-ik-requestid'));
  });

  // ---------------------------------------------------------------- bulk delete
  test('files.bulk.delete, all found → 200 successfullyDeletedFileIds', async () => {
    const folder = newFolder();
    const a = await upload(folder, 'a.png');
    const b = await upload(folder, 'b.png');
    const { data, response } = await ik.files.bulk.delete({ fileIds: [a.fileId, b.fileId] }).withResponse();
    assert.equal(response.status, 200);
    assert.deepEqual([...data.successfullyDeletedFileIds].sort(), [a.fileId, b.fileId].sort());
    assert.equal(data.errors, undefined, 'no errors array when everything was deleted');
    await expectApiError(ik.files.get(a.fileId), NotFoundError, 404, NOT_FOUND);
    await expectApiError(ik.files.get(b.fileId), NotFoundError, 404, NOT_FOUND);
  });

  test('files.bulk.delete with one unknown id → 404 missingFileIds, nothing deleted', async () => {
    const folder = newFolder();
    const a = await upload(folder, 'a.png');
    const b = await upload(folder, 'b.png');
    const missing = unknownId();
    const err = await expectApiError(
      ik.files.bulk.delete({ fileIds: [a.fileId, missing, b.fileId] }),
      NotFoundError,
      404,
      BULK_NOT_FOUND,
    );
    assert.deepEqual(err.error.missingFileIds, [missing]);
    assert.equal(typeof err.error.help, 'string');
    // all-or-nothing: both existing files are still there
    assert.equal((await ik.files.get(a.fileId)).fileId, a.fileId);
    assert.equal((await ik.files.get(b.fileId)).fileId, b.fileId);
  });

  test('files.bulk.delete input validation (empty, over 100 ids)', async () => {
    await expectApiError(ik.files.bulk.delete({ fileIds: [] }), BadRequestError, 400, 'fileIds is empty.');
    const ids = Array.from({ length: 101 }, unknownId);
    await expectApiError(
      ik.files.bulk.delete({ fileIds: ids }),
      BadRequestError,
      400,
      'fileIds cannot have more than 100 items.',
    );
    await expectApiError(
      ik.files.bulk.delete({}),
      BadRequestError,
      400,
      'fileIds parameter is missing.',
    );
  });

  // ---------------------------------------------------------------- auth
  test('wrong private key → PermissionDeniedError (403), nothing deleted', async () => {
    const up = await upload(newFolder(), 'guarded.png');
    const wrong = new ImageKit({
      privateKey: `private_wrong_${unknownId()}`,
      baseURL: server.baseUrl,
      maxRetries: 0,
      timeout: 20_000,
    });
    await expectApiError(wrong.files.get(up.fileId), PermissionDeniedError, 403, BAD_KEY);
    await expectApiError(wrong.files.delete(up.fileId), PermissionDeniedError, 403, BAD_KEY);
    await expectApiError(wrong.files.bulk.delete({ fileIds: [up.fileId] }), PermissionDeniedError, 403, BAD_KEY);
    // An upload refused for its key must still answer 403 to a client that is busy sending the
    // body: a server that replies early and closes without reading the body makes the client see
    // a broken connection (EPIPE/ECONNRESET → APIConnectionError) instead. Several attempts with a
    // ~270 KB body so that such a race shows up reliably.
    const big = makePng(300, 300, { noise: true });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expectApiError(
        wrong.files.upload({ file: await toFile(big, 'x.png'), fileName: 'x.png', folder: newFolder() }),
        PermissionDeniedError,
        403,
        BAD_KEY,
      );
    }
    assert.equal((await ik.files.get(up.fileId)).fileId, up.fileId, 'the file survives a 403 delete');
  });

  test('the public key used as the private key → 403', async () => {
    const up = await upload(newFolder(), 'pub.png');
    const pub = new ImageKit({ privateKey: server.publicKey, baseURL: server.baseUrl, maxRetries: 0 });
    await expectApiError(pub.files.delete(up.fileId), PermissionDeniedError, 403, BAD_KEY);
  });

  test('no credentials (plain fetch) → 401 "Your request does not contain private API key."', async () => {
    const up = await upload(newFolder(), 'noauth.png');
    const del = await httpCall(`${server.baseUrl}/v1/files/${up.fileId}`, { method: 'DELETE' });
    assertJsonError(del, 401, NO_KEY);
    const get = await httpCall(`${server.baseUrl}/v1/files/${up.fileId}/details`);
    assertJsonError(get, 401, NO_KEY);
    const bulk = await httpCall(`${server.baseUrl}/v1/files/batch/deleteByFileIds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileIds: [up.fileId] }),
    });
    assertJsonError(bulk, 401, NO_KEY);
    // upload without credentials: 401 JSON even while the client is still sending the body
    const big = makePng(300, 300, { noise: true });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const form = new FormData();
      form.append('file', new Blob([big]), 'x.png');
      form.append('fileName', 'x.png');
      let upl;
      try {
        upl = await httpCall(`${server.baseUrl}/api/v1/files/upload`, { method: 'POST', body: form });
      } catch (e) {
        assert.fail(`attempt ${attempt}: upload without credentials got no HTTP answer: ${e} (${e.cause?.code ?? ''})`);
      }
      assertJsonError(upl, 401, NO_KEY);
    }
    assert.equal((await ik.files.get(up.fileId)).fileId, up.fileId, 'the file survives a 401 delete');
  });

  test('no credentials via the SDK (Authorization header omitted) → AuthenticationError', async () => {
    const up = await upload(newFolder(), 'noauth-sdk.png');
    await expectApiError(
      ik.files.get(up.fileId, { headers: { Authorization: null } }),
      AuthenticationError,
      401,
      NO_KEY,
    );
  });

  test('the password is ignored: empty, do_not_set and anything else work', async () => {
    const up = await upload(newFolder(), 'pw.png');
    for (const pw of ['', 'do_not_set', 'whatever']) {
      const r = await httpCall(`${server.baseUrl}/v1/files/${up.fileId}/details`, {
        headers: { authorization: basicAuth(server.privateKey, pw) },
      });
      assert.equal(r.status, 200, `password ${JSON.stringify(pw)}: ${r.show}`);
      assert.equal(r.json.fileId, up.fileId);
    }
  });

  // ---------------------------------------------------------------- hostile ids
  test('hostile fileIds → 4xx JSON, the server keeps serving', async () => {
    const auth = { authorization: basicAuth(server.privateKey) };
    const rawIds = [
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '..%2f..',
      '%2e%2e',
      'a'.repeat(10_000),
      '%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB', // ファイル
      'abc%00def',
      '%00',
      `${unknownId()}%00`,
      "x'%20OR%20'1'='1",
      '%ff%fe',
    ];
    for (const raw of rawIds) {
      for (const [method, path] of [
        ['GET', `/v1/files/${raw}/details`],
        ['DELETE', `/v1/files/${raw}`],
      ]) {
        const r = await httpCall(`${server.baseUrl}${path}`, { method, headers: auth });
        assert.ok(
          r.status >= 400 && r.status < 500,
          `${method} ${path.slice(0, 80)} → ${r.status} (must be 4xx): ${r.show}`,
        );
        assert.match(r.headers.get('content-type') || '', /^application\/json/i, `${method} ${path.slice(0, 80)}`);
        assert.equal(typeof r.json?.message, 'string', `${method} ${path.slice(0, 80)}: ${r.show}`);
      }
    }
    // through the SDK (it percent-encodes the id)
    for (const id of ['../../etc/passwd', 'ファイル', 'a\u0000b', 'z'.repeat(5000)]) {
      let err;
      await ik.files.get(id).then(
        (v) => assert.fail(`files.get(${JSON.stringify(id.slice(0, 40))}) resolved: ${JSON.stringify(v)}`),
        (e) => {
          err = e;
        },
      );
      assert.ok(err.status >= 400 && err.status < 500, `files.get(${JSON.stringify(id.slice(0, 40))}) → ${err.status}`);
      assert.equal(typeof err.error?.message, 'string');
    }
    const health = await httpCall(`${server.baseUrl}/healthz`);
    assert.equal(health.status, 200);
    const up = await upload(newFolder(), 'still-alive.png');
    assert.match(up.fileId, FILE_ID);
  });

  test('unknown route → 404 JSON', async () => {
    const r = await httpCall(`${server.baseUrl}/v1/no-such-endpoint`, {
      headers: { authorization: basicAuth(server.privateKey) },
    });
    assertJsonError(r, 404);
  });

  // ---------------------------------------------------------------- delivery of private files
  test('a private file is not delivered without a signature (401/403 JSON)', async () => {
    const up = await upload(newFolder(), 'secret.png', makePng(3, 3), { isPrivateFile: true });
    const d = await ik.files.get(up.fileId);
    assert.equal(d.isPrivateFile, true);
    const r = await httpCall(up.url);
    assert.ok(r.status === 401 || r.status === 403, `GET private file → ${r.status}`);
    assert.match(r.headers.get('content-type') || '', /^application\/json/i);
  });
});
