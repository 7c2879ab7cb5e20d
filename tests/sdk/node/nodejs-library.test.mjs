// Update, versions, copy/move/rename and bulk tags (spec §2.4, §2.6–§2.8) with @imagekit/nodejs 7.x.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BadRequestError, ConflictError, NotFoundError } from '@imagekit/nodejs';

import { FILE_ID, basicAuth, expectApiError, httpCall, makePng, unknownId, waitPurgeCompleted } from './helpers.mjs';
import { client, countingFetch, names, sleep, token, upload } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

const NOT_FOUND = 'The requested file does not exist.';
const BULK_NOT_FOUND = 'The requested file(s) does not exist.';

describe('@imagekit/nodejs 7.x files.update', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('tags (array, then null clears), customCoordinates (null clears), description', async () => {
    const up = await upload(ik, newFolder(), 'u.png');
    const { data: a, response } = await ik.files
      .update(up.fileId, { tags: ['red', 'summer'], customCoordinates: '1,2,3,4', description: 'a red thing' })
      .withResponse();
    assert.equal(response.status, 200);
    assert.equal(a.fileId, up.fileId);
    assert.equal(a.type, 'file');
    assert.deepEqual(a.tags, ['red', 'summer']);
    assert.equal(a.customCoordinates, '1,2,3,4');
    assert.equal(a.description, 'a red thing');
    const got = await ik.files.get(up.fileId);
    assert.deepEqual(got.tags, ['red', 'summer']);
    assert.equal(got.customCoordinates, '1,2,3,4');
    assert.equal(got.description, 'a red thing');

    // a field left out stays as it is
    const b = await ik.files.update(up.fileId, { description: 'still red' });
    assert.deepEqual(b.tags, ['red', 'summer']);
    assert.equal(b.customCoordinates, '1,2,3,4');

    const c = await ik.files.update(up.fileId, { tags: null, customCoordinates: null });
    assert.equal(c.tags, null);
    assert.equal(c.customCoordinates, null);
    assert.equal(c.description, 'still red');
    const after = await ik.files.get(up.fileId);
    assert.equal(after.tags, null);
    assert.equal(after.customCoordinates, null);
  });

  test('removeAITags ("all" and a list) is accepted and leaves user tags', async () => {
    const up = await upload(ik, newFolder(), 'ai.png', makePng(), { tags: ['keep'] });
    const a = await ik.files.update(up.fileId, { removeAITags: 'all' });
    assert.deepEqual(a.tags, ['keep']);
    assert.ok(a.AITags === null || (Array.isArray(a.AITags) && a.AITags.length === 0), JSON.stringify(a.AITags));
    const b = await ik.files.update(up.fileId, { removeAITags: ['car', 'tree'] });
    assert.deepEqual(b.tags, ['keep']);
  });

  test('publish: isPublished false / true (with includeFileVersions)', async () => {
    const folder = newFolder();
    const up = await upload(ik, folder, 'pub.png');
    await upload(ik, folder, 'pub.png', makePng(5, 5));
    const a = await ik.files.update(up.fileId, { publish: { isPublished: false } });
    assert.equal(a.isPublished, false);
    assert.equal((await ik.files.get(up.fileId)).isPublished, false);
    const b = await ik.files.update(up.fileId, { publish: { isPublished: true, includeFileVersions: true } });
    assert.equal(b.isPublished, true);
    const versions = await ik.files.versions.list(up.fileId);
    for (const v of versions) assert.equal(v.isPublished, true, `version ${v.versionInfo.name} published`);
    await expectApiError(ik.files.update(up.fileId, { publish: {} }), BadRequestError, 400);
    assert.equal((await ik.files.get(up.fileId)).isPublished, true);
  });

  test('extensions / webhookUrl → BadRequestError, nothing changed', async () => {
    const up = await upload(ik, newFolder(), 'ext.png', makePng(), { tags: ['orig'] });
    const before = await ik.files.get(up.fileId);
    await sleep(5);
    const e1 = await expectApiError(
      ik.files.update(up.fileId, { tags: ['new'], extensions: [{ name: 'google-auto-tagging', maxTags: 5, minConfidence: 90 }] }),
      BadRequestError,
      400,
    );
    assert.match(e1.error.message, /extensions/);
    const e2 = await expectApiError(
      ik.files.update(up.fileId, { tags: ['new'], webhookUrl: 'https://example.com/hook' }),
      BadRequestError,
      400,
    );
    assert.match(e2.error.message, /webhookUrl/);
    assert.deepEqual(await ik.files.get(up.fileId), before);
  });

  test('bad inputs → 400 / 404, nothing changed', async () => {
    const up = await upload(ik, newFolder(), 'bad.png', makePng(), { tags: ['orig'] });
    const before = await ik.files.get(up.fileId);
    await expectApiError(ik.files.update(up.fileId, { tags: 'notarray' }), BadRequestError, 400);
    await expectApiError(ik.files.update(up.fileId, { tags: [5] }), BadRequestError, 400);
    await expectApiError(ik.files.update(up.fileId, { customCoordinates: 12 }), BadRequestError, 400);
    // tags: combined length ≤ 500 characters, '%' forbidden (spec §2.2, §2.8)
    await expectApiError(ik.files.update(up.fileId, { tags: ['x'.repeat(300), 'y'.repeat(300)] }), BadRequestError, 400);
    await expectApiError(ik.files.update(up.fileId, { customMetadata: 'nope' }), BadRequestError, 400);
    await expectApiError(ik.files.update(up.fileId, { removeAITags: 'some' }), BadRequestError, 400);
    await expectApiError(ik.files.update(unknownId(), { tags: ['x'] }), NotFoundError, 404, NOT_FOUND);
    await expectApiError(
      ik.files.update('not-an-id', { tags: ['x'] }),
      BadRequestError,
      400,
      'Your request contains invalid fileId parameter.',
    );
    assert.deepEqual(await ik.files.get(up.fileId), before);
  });
});

describe('@imagekit/nodejs 7.x files.versions', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('list / get / delete (current → 400) / restore', async () => {
    const folder = newFolder();
    const png1 = makePng(3, 3);
    const png2 = makePng(6, 6);
    const v1 = await upload(ik, folder, 'ver.png', png1);
    const v2 = await upload(ik, folder, 'ver.png', png2);
    assert.equal(v2.fileId, v1.fileId);
    assert.equal(v1.versionInfo.id, v1.fileId, 'Version 1 id is the fileId');
    assert.notEqual(v2.versionInfo.id, v1.versionInfo.id);

    const list = await ik.files.versions.list(v1.fileId);
    assert.equal(list.length, 2);
    for (const v of list) {
      assert.equal(v.type, 'file-version');
      assert.equal(v.fileId, v1.fileId);
    }
    const old = list.find((v) => v.versionInfo.id === v1.versionInfo.id);
    const cur = list.find((v) => v.versionInfo.id === v2.versionInfo.id);
    assert.equal(old.versionInfo.name, 'Version 1');
    assert.equal(cur.versionInfo.name, 'Version 2');
    assert.equal(old.size, png1.length);
    assert.equal(cur.size, png2.length);
    assert.equal(old.url, `${server.urlEndpoint}${folder}/ver.png?ik-obj-version=${v1.versionInfo.id}`);
    assert.match(old.thumbnail, /\?ik-obj-version=/);
    assert.equal(cur.url, `${server.urlEndpoint}${folder}/ver.png`);
    const got = await ik.files.versions.get(v1.versionInfo.id, { fileId: v1.fileId });
    assert.equal(got.type, 'file-version');
    assert.equal(got.width, 3);
    assert.deepEqual(got.versionInfo, { id: v1.versionInfo.id, name: 'Version 1' });

    await expectApiError(
      ik.files.versions.delete(v2.versionInfo.id, { fileId: v1.fileId }),
      BadRequestError,
      400,
      'You cannot delete current version of a file.',
    );
    assert.equal((await ik.files.versions.list(v1.fileId)).length, 2, 'nothing deleted');

    const restored = await ik.files.versions.restore(v1.versionInfo.id, { fileId: v1.fileId });
    assert.equal(restored.fileId, v1.fileId);
    assert.equal(restored.width, 3);
    assert.equal(restored.size, png1.length);
    const now = await ik.files.get(v1.fileId);
    assert.equal(now.width, 3);
    const delivered = await httpCall(`${server.urlEndpoint}${folder}/ver.png`);
    assert.ok(delivered.bytes.equals(png1), 'the restored version is delivered');

    // version 2 is now not current: it can be deleted
    const { response } = await ik.files.versions.delete(v2.versionInfo.id, { fileId: v1.fileId }).withResponse();
    assert.equal(response.status, 204);
    const left = await ik.files.versions.list(v1.fileId);
    assert.deepEqual(
      left.map((v) => v.versionInfo.id),
      [v1.versionInfo.id],
    );
  });

  test('a non-current version url (?ik-obj-version=…) delivers that version\'s bytes', async () => {
    const folder = newFolder();
    const png1 = makePng(3, 3);
    const png2 = makePng(6, 6);
    const v1 = await upload(ik, folder, 'dv.png', png1);
    await upload(ik, folder, 'dv.png', png2);
    const old = (await ik.files.versions.list(v1.fileId)).find((v) => v.versionInfo.id === v1.versionInfo.id);
    const r = await httpCall(old.url);
    assert.equal(r.status, 200, r.show);
    assert.ok(r.bytes.equals(png1), `GET ${old.url} must return version 1 (${png1.length} bytes), got ${r.bytes.length} bytes${r.bytes.equals(png2) ? ' = the current version' : ''}`);
    const cur = await httpCall(`${server.urlEndpoint}${folder}/dv.png`);
    assert.ok(cur.bytes.equals(png2));
  });

  test('unknown file / version → 404 with the spec messages', async () => {
    const up = await upload(ik, newFolder(), 'one.png');
    await expectApiError(ik.files.versions.list(unknownId()), NotFoundError, 404, NOT_FOUND);
    await expectApiError(
      ik.files.versions.get(unknownId(), { fileId: up.fileId }),
      NotFoundError,
      404,
      'The requested file version does not exist.',
    );
    await expectApiError(
      ik.files.versions.delete(unknownId(), { fileId: up.fileId }),
      NotFoundError,
      404,
      'The requested asset does not exist.',
    );
    await expectApiError(ik.files.versions.restore(unknownId(), { fileId: up.fileId }), NotFoundError, 404);
    await expectApiError(ik.files.versions.get('zz', { fileId: up.fileId }), BadRequestError, 400);
    assert.equal((await ik.files.versions.list(up.fileId)).length, 1);
  });
});

describe('@imagekit/nodejs 7.x files.copy / move / rename', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('copy: new file at destination, source kept; includeFileVersions', async () => {
    const src = newFolder();
    const dst = newFolder();
    const png1 = makePng(3, 3);
    const png2 = makePng(4, 4);
    const a = await upload(ik, src, 'a.png', png1, { tags: ['t1'] });
    await upload(ik, src, 'a.png', png2, { tags: ['t2'] });

    const { data, response } = await ik.files
      .copy({ sourceFilePath: `${src}/a.png`, destinationPath: `${dst}/` })
      .withResponse();
    assert.equal(response.status, 204);
    assert.ok(data === null || data === undefined || Object.keys(data).length === 0);
    const [copied] = await ik.assets.list({ path: dst });
    assert.ok(copied, 'the copy is listed');
    assert.equal(copied.name, 'a.png');
    assert.equal(copied.filePath, `${dst}/a.png`);
    assert.notEqual(copied.fileId, a.fileId);
    assert.match(copied.fileId, FILE_ID);
    assert.equal(copied.size, png2.length, 'the current version is copied');
    assert.deepEqual(copied.tags, ['t2']);
    assert.equal((await ik.files.versions.list(copied.fileId)).length, 1, 'without includeFileVersions: one version');
    const body = await httpCall(copied.url);
    assert.ok(body.bytes.equals(png2));
    assert.equal((await ik.files.get(a.fileId)).filePath, `${src}/a.png`, 'source kept');

    const dst2 = newFolder();
    await ik.files.copy({ sourceFilePath: `${src}/a.png`, destinationPath: `${dst2}/`, includeFileVersions: true });
    const [withVersions] = await ik.assets.list({ path: dst2 });
    const vs = await ik.files.versions.list(withVersions.fileId);
    assert.equal(vs.length, 2, 'includeFileVersions copies every version');
    assert.deepEqual(vs.map((v) => v.size).sort(), [png1.length, png2.length].sort());
  });

  test('copy onto an existing same-named file appends versions to its history', async () => {
    const src = newFolder();
    const dst = newFolder();
    const pngSrc = makePng(7, 7);
    await upload(ik, src, 'same.png', pngSrc);
    const existing = await upload(ik, dst, 'same.png', makePng(2, 2));
    await ik.files.copy({ sourceFilePath: `${src}/same.png`, destinationPath: dst });
    const listed = await ik.assets.list({ path: dst });
    assert.equal(listed.length, 1, 'still a single file at destination');
    assert.equal(listed[0].fileId, existing.fileId, 'same fileId: the copy became a new version');
    assert.equal(listed[0].width, 7);
    const vs = await ik.files.versions.list(existing.fileId);
    assert.equal(vs.length, 2);
  });

  test('move: file and all versions go to destination; collision appends versions', async () => {
    const src = newFolder();
    const dst = newFolder();
    await upload(ik, src, 'm.png', makePng(3, 3));
    await upload(ik, src, 'm.png', makePng(4, 4));
    const { response } = await ik.files.move({ sourceFilePath: `${src}/m.png`, destinationPath: `${dst}/` }).withResponse();
    assert.equal(response.status, 204);
    assert.deepEqual(await ik.assets.list({ path: src }), []);
    const [moved] = await ik.assets.list({ path: dst });
    assert.equal(moved.filePath, `${dst}/m.png`);
    assert.equal(moved.width, 4);
    assert.equal((await ik.files.versions.list(moved.fileId)).length, 2, 'versions move too');
    assert.equal((await httpCall(`${server.urlEndpoint}${dst}/m.png`)).status, 200);

    // collision
    const src2 = newFolder();
    await upload(ik, src2, 'm.png', makePng(9, 9));
    await ik.files.move({ sourceFilePath: `${src2}/m.png`, destinationPath: dst });
    assert.deepEqual(await ik.assets.list({ path: src2 }), []);
    const after = await ik.assets.list({ path: dst });
    assert.equal(after.length, 1);
    assert.equal(after[0].fileId, moved.fileId);
    assert.equal(after[0].width, 9);
    assert.equal((await ik.files.versions.list(moved.fileId)).length, 3);
  });

  test('copy / move errors: missing source 404 SOURCE_FILE_MISSING, bad params 400; nothing changed', async () => {
    const folder = newFolder();
    await upload(ik, folder, 'x.png');
    for (const call of ['copy', 'move']) {
      const e = await expectApiError(
        ik.files[call]({ sourceFilePath: `${folder}/missing.png`, destinationPath: '/elsewhere/' }),
        NotFoundError,
        404,
        `No file found with filePath \`${folder}/missing.png\`.`,
      );
      assert.equal(e.error.reason, 'SOURCE_FILE_MISSING');
      const m = await expectApiError(ik.files[call]({ sourceFilePath: `${folder}/x.png` }), BadRequestError, 400);
      assert.equal(m.error.reason, 'MISSING_PARAMETER');
      const same = await expectApiError(
        ik.files[call]({ sourceFilePath: `${folder}/x.png`, destinationPath: `${folder}/` }),
        BadRequestError,
        400,
      );
      assert.equal(same.error.reason, 'SAME_SOURCE_AND_DESTINATION');
    }
    assert.deepEqual(names(await ik.assets.list({ path: folder })), ['x.png']);
    assert.deepEqual(await ik.assets.list({ path: '/elsewhere' }), []);
  });

  test('copy / move to a destination with a ".." segment → 400 INVALID_FOLDER_PATH, nothing created', async () => {
    const folder = newFolder();
    await upload(ik, folder, 'x.png');
    for (const call of ['copy', 'move']) {
      const dest = `${folder}/a/../b/`;
      const bad = await expectApiError(ik.files[call]({ sourceFilePath: `${folder}/x.png`, destinationPath: dest }), BadRequestError, 400).catch(
        (e) => {
          e.message = `${call} to ${dest}: ${e.message}`;
          throw e;
        },
      );
      assert.equal(bad.error.reason, 'INVALID_FOLDER_PATH');
    }
    assert.deepEqual(
      (await ik.assets.list({ searchQuery: `path : "${folder}/"` })).map((x) => `${x.type}:${x.name}`),
      ['file:x.png'],
      'no folder a/__/b was created and the file did not move',
    );
  });

  test('rename: {} ; old path gone, new path delivered, all versions renamed', async () => {
    const folder = newFolder();
    const png = makePng(5, 5);
    const up = await upload(ik, folder, 'old.png', makePng(2, 2));
    await upload(ik, folder, 'old.png', png);
    const { data, response } = await ik.files.rename({ filePath: `${folder}/old.png`, newFileName: 'new name!.png' }).withResponse();
    assert.equal(response.status, 200);
    assert.deepEqual(data, {});
    const got = await ik.files.get(up.fileId);
    assert.equal(got.name, 'new_name_.png', 'newFileName is sanitised');
    assert.equal(got.filePath, `${folder}/new_name_.png`);
    for (const v of await ik.files.versions.list(up.fileId)) assert.equal(v.name, 'new_name_.png');
    const fresh = await httpCall(`${server.urlEndpoint}${folder}/new_name_.png`);
    assert.equal(fresh.status, 200);
    assert.ok(fresh.bytes.equals(png));
  });

  test('rename with purgeCache → purgeRequestId; the old cached URL is purged', async () => {
    const folder = newFolder();
    const up = await upload(ik, folder, 'p.png');
    assert.equal((await httpCall(up.url)).status, 200, 'cached before rename');
    const res = await ik.files.rename({ filePath: `${folder}/p.png`, newFileName: 'q.png', purgeCache: true });
    assert.equal(typeof res.purgeRequestId, 'string');
    assert.match(res.purgeRequestId, FILE_ID);
    await waitPurgeCompleted(async () => (await ik.cache.invalidation.get(res.purgeRequestId)).status);
    assert.equal((await httpCall(up.url)).status, 404, 'old URL no longer resolves after the purge');
  });

  test('rename onto an existing name → ConflictError 409 FILE_ALREADY_EXISTS, x-should-retry false, sent once', async () => {
    const folder = newFolder();
    const a = await upload(ik, folder, 'a.png');
    const b = await upload(ik, folder, 'b.png');
    const counter = countingFetch();
    const retrying = client(server, { maxRetries: 2, fetch: counter.fetch });
    const err = await expectApiError(
      retrying.files.rename({ filePath: `${folder}/a.png`, newFileName: 'b.png' }),
      ConflictError,
      409,
    );
    assert.equal(err.error.reason, 'FILE_ALREADY_EXISTS');
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.equal(counter.calls.filter((c) => c.url.endsWith('/v1/files/rename')).length, 1, 'the SDK did not retry');
    assert.equal((await ik.files.get(a.fileId)).name, 'a.png');
    assert.equal((await ik.files.get(b.fileId)).name, 'b.png');
  });

  test('rename errors: FILE_MISSING 404, MISSING_PARAMETER / SAME_OLD_AND_NEW_NAME 400', async () => {
    const folder = newFolder();
    await upload(ik, folder, 'r.png');
    const e = await expectApiError(ik.files.rename({ filePath: `${folder}/none.png`, newFileName: 'z.png' }), NotFoundError, 404);
    assert.equal(e.error.reason, 'FILE_MISSING');
    const m = await expectApiError(ik.files.rename({ filePath: `${folder}/r.png` }), BadRequestError, 400);
    assert.equal(m.error.reason, 'MISSING_PARAMETER');
    const s = await expectApiError(ik.files.rename({ filePath: `${folder}/r.png`, newFileName: 'r.png' }), BadRequestError, 400);
    assert.equal(s.error.reason, 'SAME_OLD_AND_NEW_NAME');
    assert.deepEqual(names(await ik.assets.list({ path: folder })), ['r.png']);
  });
});

describe('@imagekit/nodejs 7.x files.bulk tags', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('addTags / removeTags / removeAITags', async () => {
    const folder = newFolder();
    const a = await upload(ik, folder, 'a.png', makePng(), { tags: ['old'] });
    const b = await upload(ik, folder, 'b.png');
    const { data: add, response } = await ik.files.bulk
      .addTags({ fileIds: [a.fileId, b.fileId], tags: ['new', 'old'] })
      .withResponse();
    assert.equal(response.status, 200);
    assert.deepEqual([...add.successfullyUpdatedFileIds].sort(), [a.fileId, b.fileId].sort());
    assert.deepEqual([...(await ik.files.get(a.fileId)).tags].sort(), ['new', 'old'], 'no duplicate tags');
    assert.deepEqual([...(await ik.files.get(b.fileId)).tags].sort(), ['new', 'old']);

    const rem = await ik.files.bulk.removeTags({ fileIds: [a.fileId, b.fileId], tags: ['old', 'absent'] });
    assert.deepEqual([...rem.successfullyUpdatedFileIds].sort(), [a.fileId, b.fileId].sort());
    assert.deepEqual((await ik.files.get(a.fileId)).tags, ['new']);
    assert.deepEqual((await ik.files.get(b.fileId)).tags, ['new']);

    const ai = await ik.files.bulk.removeAITags({ fileIds: [a.fileId], AITags: ['car'] });
    assert.deepEqual(ai.successfullyUpdatedFileIds, [a.fileId]);
    assert.deepEqual((await ik.files.get(a.fileId)).tags, ['new'], 'user tags untouched');

    // removing the last tag leaves tags null
    await ik.files.bulk.removeTags({ fileIds: [b.fileId], tags: ['new'] });
    assert.equal((await ik.files.get(b.fileId)).tags, null);
  });

  test('an unknown id → 404 with missingFileIds, nothing changed', async () => {
    const folder = newFolder();
    const a = await upload(ik, folder, 'a.png', makePng(), { tags: ['keep'] });
    const ghost = unknownId();
    for (const [call, body] of [
      ['addTags', { tags: ['added'] }],
      ['removeTags', { tags: ['keep'] }],
      ['removeAITags', { AITags: ['keep'] }],
    ]) {
      const e = await expectApiError(
        ik.files.bulk[call]({ fileIds: [a.fileId, ghost], ...body }),
        NotFoundError,
        404,
        BULK_NOT_FOUND,
      );
      assert.deepEqual(e.error.missingFileIds, [ghost], call);
      assert.deepEqual((await ik.files.get(a.fileId)).tags, ['keep'], `${call}: nothing changed`);
    }
  });

  test('bad inputs → 400 with the spec messages, nothing changed', async () => {
    const folder = newFolder();
    const a = await upload(ik, folder, 'a.png', makePng(), { tags: ['keep'] });
    const cases = [
      ['addTags', { tags: ['x'] }, 'fileIds parameter is missing.'],
      ['addTags', { fileIds: [], tags: ['x'] }, 'fileIds is empty.'],
      ['addTags', { fileIds: a.fileId, tags: ['x'] }, 'fileIds should be an Array.'],
      ['addTags', { fileIds: Array.from({ length: 51 }, () => unknownId()), tags: ['x'] }, 'A maximum of 50 files can be edited at a time.'],
      ['addTags', { fileIds: [a.fileId] }, 'tags parameter is missing.'],
      ['addTags', { fileIds: [a.fileId], tags: [] }, 'tags array cannot be empty.'],
      ['removeTags', { fileIds: [a.fileId] }, 'tags parameter is missing.'],
      ['removeTags', { fileIds: [a.fileId], tags: [] }, 'tags array cannot be empty.'],
      ['removeTags', { tags: ['keep'] }, 'fileIds parameter is missing.'],
      ['removeAITags', { fileIds: [a.fileId] }, 'AITags parameter is missing.'],
      ['removeAITags', { fileIds: [a.fileId], AITags: [] }, 'AITags array cannot be empty.'],
    ];
    for (const [call, body, message] of cases) {
      await expectApiError(ik.files.bulk[call](body), BadRequestError, 400, message).catch((e) => {
        e.message = `${call} ${JSON.stringify(body).slice(0, 80)}: ${e.message}`;
        throw e;
      });
    }
    // combined tag length over 500
    await expectApiError(ik.files.bulk.addTags({ fileIds: [a.fileId], tags: ['x'.repeat(300), 'y'.repeat(300)] }), BadRequestError, 400);
    assert.deepEqual((await ik.files.get(a.fileId)).tags, ['keep']);
  });

  test('raw wire: bulk tag answers are JSON', async () => {
    const up = await upload(ik, newFolder(), 'w.png');
    const r = await httpCall(`${server.baseUrl}/v1/files/addTags`, {
      method: 'POST',
      headers: { Authorization: basicAuth(server.privateKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileIds: [up.fileId], tags: [token('t')] }),
    });
    assert.equal(r.status, 200, r.show);
    assert.match(r.headers.get('content-type') || '', /^application\/json/);
    assert.deepEqual(r.json, { successfullyUpdatedFileIds: [up.fileId] });
  });
});
