// Client-side upload with @imagekit/nodejs 7.x `helper.getAuthenticationParameters`: the backend
// signs, the "browser" posts multipart with fetch and no Basic auth (spec §1.3).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { assertJsonError, httpCall, makePng } from './helpers.mjs';
import { client } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

const EXPIRE_TEXT =
  'Your request contains invalid expire parameter. Expire parameter should be a Unix time in less than 1 hour into the future.';

/** What a page would post: the file plus the backend's parameters, no Authorization header. */
function form(server, params, folder, png = makePng(3, 2)) {
  const body = new FormData();
  body.set('file', new Blob([png], { type: 'image/png' }), 'pixel.png');
  body.set('fileName', 'pixel.png');
  body.set('folder', folder);
  body.set('publicKey', server.publicKey);
  body.set('token', params.token);
  body.set('expire', String(params.expire));
  body.set('signature', params.signature);
  return body;
}

function post(server, body, headers = {}) {
  return httpCall(`${server.baseUrl}/api/v1/files/upload`, { method: 'POST', body, headers });
}

describe('@imagekit/nodejs 7.x client-side upload parameters', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('parameters upload once; the same token again is refused', async () => {
    const folder = newFolder();
    const params = ik.helper.getAuthenticationParameters();
    const png = makePng(5, 4);
    const first = await post(server, form(server, params, folder, png), { origin: 'https://shop.example' });
    assert.equal(first.status, 200, first.show);
    assert.equal(first.headers.get('access-control-allow-origin'), '*');
    assert.ok(first.json.filePath.startsWith(`${folder}/`));
    assert.equal(first.json.width, 5);
    const details = await ik.files.get(first.json.fileId);
    assert.equal(details.filePath, first.json.filePath);
    const delivered = await httpCall(first.json.url);
    assert.ok(delivered.bytes.equals(png));

    const again = await post(server, form(server, params, folder));
    assertJsonError(again, 400);
    assert.match(again.json.message, /has been used before/);
  });

  test('a custom token and expire are honoured; expire outside the hour is refused', async () => {
    const folder = newFolder();
    const now = Math.floor(Date.now() / 1000);
    const ok = ik.helper.getAuthenticationParameters(`tok-${randomUUID()}`, now + 900);
    assert.equal((await post(server, form(server, ok, folder))).status, 200);
    for (const expire of [now - 5, now + 3700]) {
      const params = ik.helper.getAuthenticationParameters(undefined, expire);
      assertJsonError(await post(server, form(server, params, folder)), 400, EXPIRE_TEXT);
    }
  });

  test('a signature made with another key, or a foreign public key, is refused', async () => {
    const folder = newFolder();
    const params = client(server, { privateKey: 'private_not_this_account' }).helper.getAuthenticationParameters();
    const forged = await post(server, form(server, params, folder));
    assertJsonError(forged, 400, 'Your request contains invalid signature parameter.');
    const body = form(server, ik.helper.getAuthenticationParameters(), folder);
    body.set('publicKey', 'public_someone_else');
    assertJsonError(await post(server, body), 403, 'Your account cannot be authenticated.');
  });

  test('a browser preflight is answered', async () => {
    const pre = await httpCall(`${server.baseUrl}/api/v1/files/upload`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    assert.ok(pre.status === 200 || pre.status === 204, pre.show);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-methods') || '', /POST/);
  });
});
