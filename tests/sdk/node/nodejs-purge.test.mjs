// The delivery cache and purge (spec §2.10, §7) with @imagekit/nodejs 7.x:
// deleting a file does not purge its cached URL; cache.invalidation.create does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BadRequestError, toFile } from '@imagekit/nodejs';

import { FILE_ID, assertJsonError, expectApiError, httpCall, makePng, unknownId, waitPurgeCompleted } from './helpers.mjs';
import { client } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

async function uploadAndDeliver(ik, folder, name, png) {
  const up = await ik.files.upload({ file: await toFile(png, name), fileName: name, folder, useUniqueFileName: false });
  const first = await httpCall(up.url);
  assert.equal(first.status, 200, `first GET ${up.url} → ${first.status}: ${first.show}`);
  assert.ok(first.bytes.equals(png), 'delivery returns the uploaded bytes');
  return up;
}

describe('@imagekit/nodejs 7.x purge (default settings: delete does not purge)', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('delete keeps the cached URL; purge by exact URL clears it', async () => {
    const folder = newFolder();
    const png = makePng(6, 6);
    const up = await uploadAndDeliver(ik, folder, 'cached.png', png);

    await ik.files.delete(up.fileId);
    const cached = await httpCall(up.url);
    assert.equal(cached.status, 200, 'a URL delivered before the delete keeps being served (cached)');
    assert.ok(cached.bytes.equals(png), 'the cached answer carries the same bytes');

    const { data: created, response } = await ik.cache.invalidation.create({ url: up.url }).withResponse();
    assert.equal(response.status, 201);
    assert.equal(typeof created.requestId, 'string');
    assert.match(created.requestId, FILE_ID, 'requestId looks like the other ids (24 hex)');

    const seen = await waitPurgeCompleted(async () => (await ik.cache.invalidation.get(created.requestId)).status);
    assert.equal(seen.at(-1), 'Completed');

    const gone = await httpCall(up.url);
    assertJsonError(gone, 404);
  });

  test('purge by a prefix ending in * clears every cached URL under it', async () => {
    const folder = newFolder();
    const pngA = makePng(2, 5);
    const pngB = makePng(5, 2);
    const a = await uploadAndDeliver(ik, folder, 'a.png', pngA);
    const b = await uploadAndDeliver(ik, folder, 'b.png', pngB);
    const res = await ik.files.bulk.delete({ fileIds: [a.fileId, b.fileId] });
    assert.equal(res.successfullyDeletedFileIds.length, 2);
    assert.ok((await httpCall(a.url)).bytes.equals(pngA), 'bulk delete does not purge either');
    assert.ok((await httpCall(b.url)).bytes.equals(pngB));

    const { requestId } = await ik.cache.invalidation.create({ url: `${server.urlEndpoint}${folder}/*` });
    await waitPurgeCompleted(async () => (await ik.cache.invalidation.get(requestId)).status);
    assertJsonError(await httpCall(a.url), 404);
    assertJsonError(await httpCall(b.url), 404);
  });

  test('purging a URL of a live file only drops the cache; the file is still delivered', async () => {
    const folder = newFolder();
    const png = makePng(4, 2);
    const up = await uploadAndDeliver(ik, folder, 'live.png', png);
    const { requestId } = await ik.cache.invalidation.create({ url: up.url });
    await waitPurgeCompleted(async () => (await ik.cache.invalidation.get(requestId)).status);
    const again = await httpCall(up.url);
    assert.equal(again.status, 200);
    assert.ok(again.bytes.equals(png));
  });

  test('purge status of an unknown requestId → 400 "No request found for this requestId."', async () => {
    await expectApiError(
      ik.cache.invalidation.get(unknownId()),
      BadRequestError,
      400,
      'No request found for this requestId.',
    );
  });

  test('purge of a URL that is not valid → 400 "The URL is not valid for cache purging."', async () => {
    await expectApiError(
      ik.cache.invalidation.create({ url: 'not a url' }),
      BadRequestError,
      400,
      'The URL is not valid for cache purging.',
    );
  });
});

describe('@imagekit/nodejs 7.x purge with HALFTONE_PURGE_ON_DELETE=true', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer({ env: { HALFTONE_PURGE_ON_DELETE: 'true' } });
    ik = client(server);
  });
  after(async () => server?.stop());

  test('files.delete also purges: the next GET is 404', async () => {
    const folder = newFolder();
    const up = await uploadAndDeliver(ik, folder, 'p.png', makePng(3, 5));
    await ik.files.delete(up.fileId);
    assertJsonError(await httpCall(up.url), 404);
  });

  test('files.bulk.delete also purges', async () => {
    const folder = newFolder();
    const a = await uploadAndDeliver(ik, folder, 'a.png', makePng(3, 2));
    const b = await uploadAndDeliver(ik, folder, 'b.png', makePng(2, 3));
    await ik.files.bulk.delete({ fileIds: [a.fileId, b.fileId] });
    assertJsonError(await httpCall(a.url), 404);
    assertJsonError(await httpCall(b.url), 404);
  });
});
