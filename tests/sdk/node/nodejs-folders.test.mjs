// Folders and bulk jobs (spec §2.9) with @imagekit/nodejs 7.x: create, delete, copy, move, rename
// and folders.job.get polled until Completed, then the library is checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BadRequestError, NotFoundError } from '@imagekit/nodejs';

import { FILE_ID, expectApiError, httpCall, makePng, unknownId, waitPurgeCompleted } from './helpers.mjs';
import { client, names, upload, waitJob } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

describe('@imagekit/nodejs 7.x folders', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  const folderNames = async (path) =>
    (await ik.assets.list({ path, type: 'folder' })).map((f) => f.name).sort();

  // ---------------------------------------------------------------- create / delete
  test('create: 201 {}, the folder is listed; missing parents are created; names sanitised', async () => {
    const root = newFolder();
    const { data, response } = await ik.folders
      .create({ folderName: 'alpha', parentFolderPath: `${root}/deep/er` })
      .withResponse();
    assert.equal(response.status, 201);
    assert.ok(data === null || (typeof data === 'object' && Object.keys(data).length === 0), JSON.stringify(data));
    assert.deepEqual(await folderNames(root), ['deep']);
    assert.deepEqual(await folderNames(`${root}/deep`), ['er']);
    const [alpha] = await ik.assets.list({ path: `${root}/deep/er`, type: 'folder' });
    assert.equal(alpha.name, 'alpha');
    assert.equal(alpha.folderPath, `${root}/deep/er/alpha`);
    assert.equal(alpha.type, 'folder');

    await ik.folders.create({ folderName: 'my folder!', parentFolderPath: `${root}/` });
    assert.deepEqual(await folderNames(root), ['deep', 'my_folder_']);

    // creating an existing folder again is fine and changes nothing
    await ik.folders.create({ folderName: 'alpha', parentFolderPath: `${root}/deep/er` });
    assert.deepEqual(await folderNames(`${root}/deep/er`), ['alpha']);
  });

  test('create with "." / ".." → 400 INVALID_FOLDER_PATH; missing params → 400; nothing created', async () => {
    const root = newFolder();
    await ik.folders.create({ folderName: 'base', parentFolderPath: '/' + root.slice(1) });
    for (const folderName of ['.', '..']) {
      const e = await expectApiError(
        ik.folders.create({ folderName, parentFolderPath: root }),
        BadRequestError,
        400,
        "'.' & '..' can not be used as folder-name",
      );
      assert.equal(e.error.reason, 'INVALID_FOLDER_PATH');
    }
    await expectApiError(ik.folders.create({ parentFolderPath: root }), BadRequestError, 400);
    await expectApiError(ik.folders.create({ folderName: 5, parentFolderPath: root }), BadRequestError, 400);
    assert.deepEqual(await folderNames(root), ['base']);
  });

  test('create without parentFolderPath (required in the SDK) → 400, nothing created', async () => {
    const orphan = `x${Date.now()}`;
    await expectApiError(ik.folders.create({ folderName: orphan }), BadRequestError, 400);
    assert.ok(!(await ik.assets.list({ path: '/', type: 'folder' })).some((f) => f.name === orphan), 'nothing created at the root');
  });

  test('delete: 204, removes nested files, versions and folders', async () => {
    const root = newFolder();
    const target = `${root}/gone`;
    const a = await upload(ik, target, 'a.png');
    await upload(ik, target, 'a.png', makePng(5, 5));
    const b = await upload(ik, `${target}/inner`, 'b.png');
    const keep = await upload(ik, root, 'keep.png');
    const { response } = await ik.folders.delete({ folderPath: target }).withResponse();
    assert.equal(response.status, 204);
    await expectApiError(ik.files.get(a.fileId), NotFoundError, 404);
    await expectApiError(ik.files.get(b.fileId), NotFoundError, 404);
    await expectApiError(ik.files.versions.list(a.fileId), NotFoundError, 404);
    assert.deepEqual(await folderNames(root), []);
    assert.deepEqual(names(await ik.assets.list({ path: root })), ['keep.png']);
    assert.equal((await ik.files.get(keep.fileId)).name, 'keep.png');
    assert.deepEqual(await ik.assets.list({ searchQuery: `path : "${target}/"` }), []);
  });

  test('delete of an unknown folder → 404 FOLDER_NOT_FOUND; missing folderPath → 400', async () => {
    const root = newFolder();
    await upload(ik, root, 'x.png');
    const e = await expectApiError(ik.folders.delete({ folderPath: `${root}/nope` }), NotFoundError, 404);
    assert.equal(e.error.reason, 'FOLDER_NOT_FOUND');
    await expectApiError(ik.folders.delete({}), BadRequestError, 400);
    assert.deepEqual(names(await ik.assets.list({ path: root })), ['x.png']);
  });

  // ---------------------------------------------------------------- bulk jobs
  test('copy: job → Completed; the folder is copied into destination, source kept; includeVersions', async () => {
    const root = newFolder();
    const src = `${root}/src`;
    const pngA = makePng(3, 3);
    await upload(ik, src, 'a.png', makePng(2, 2));
    await upload(ik, src, 'a.png', pngA);
    await upload(ik, `${src}/sub`, 'b.png');
    const dst = `${root}/dst`;
    await ik.folders.create({ folderName: 'dst', parentFolderPath: root });

    const { data: started, response } = await ik.folders
      .copy({ sourceFolderPath: src, destinationPath: dst })
      .withResponse();
    assert.equal(response.status, 200);
    assert.match(started.jobId, FILE_ID);
    const job = await waitJob(ik, started.jobId);
    assert.equal(job.jobId, started.jobId);
    assert.equal(job.type, 'COPY_FOLDER');
    assert.equal(job.status, 'Completed');

    const copied = await ik.assets.list({ path: `${dst}/src` });
    assert.deepEqual(names(copied), ['a.png']);
    assert.equal(copied[0].width, 3, 'current version copied');
    assert.equal((await ik.files.versions.list(copied[0].fileId)).length, 1, 'includeVersions defaults to false');
    assert.deepEqual(names(await ik.assets.list({ path: `${dst}/src/sub` })), ['b.png']);
    const delivered = await httpCall(`${server.urlEndpoint}${dst}/src/a.png`);
    assert.ok(delivered.bytes.equals(pngA));
    assert.deepEqual(names(await ik.assets.list({ path: src })), ['a.png'], 'source kept');

    const dst2 = `${root}/dst2`;
    const j2 = await ik.folders.copy({ sourceFolderPath: src, destinationPath: dst2, includeVersions: true });
    await waitJob(ik, j2.jobId);
    const [withVersions] = await ik.assets.list({ path: `${dst2}/src` });
    assert.equal((await ik.files.versions.list(withVersions.fileId)).length, 2, 'includeVersions copies versions');
  });

  test('copy onto existing same-named files appends versions', async () => {
    const root = newFolder();
    await upload(ik, `${root}/src`, 'same.png', makePng(7, 7));
    const existing = await upload(ik, `${root}/dst/src`, 'same.png', makePng(2, 2));
    const j = await ik.folders.copy({ sourceFolderPath: `${root}/src`, destinationPath: `${root}/dst` });
    await waitJob(ik, j.jobId);
    const listed = await ik.assets.list({ path: `${root}/dst/src` });
    assert.equal(listed.length, 1);
    assert.equal(listed[0].fileId, existing.fileId);
    assert.equal(listed[0].width, 7);
    assert.equal((await ik.files.versions.list(existing.fileId)).length, 2);
  });

  test('move: job MOVE_FOLDER → Completed; source gone, files and versions at destination', async () => {
    const root = newFolder();
    const a = await upload(ik, `${root}/src`, 'a.png', makePng(2, 2));
    await upload(ik, `${root}/src`, 'a.png', makePng(3, 3));
    await upload(ik, `${root}/src/sub`, 'b.png');
    const started = await ik.folders.move({ sourceFolderPath: `${root}/src`, destinationPath: `${root}/dst` });
    const job = await waitJob(ik, started.jobId);
    assert.equal(job.type, 'MOVE_FOLDER');
    assert.deepEqual(await folderNames(root), ['dst']);
    assert.deepEqual(await folderNames(`${root}/dst`), ['src']);
    const moved = await ik.assets.list({ path: `${root}/dst/src` });
    assert.deepEqual(names(moved), ['a.png']);
    assert.equal((await ik.files.versions.list(moved[0].fileId)).length, 2, 'versions moved');
    assert.deepEqual(names(await ik.assets.list({ path: `${root}/dst/src/sub` })), ['b.png']);
    assert.deepEqual(await ik.assets.list({ path: `${root}/src` }), []);
    const got = await ik.files.get(moved[0].fileId);
    assert.equal(got.filePath, `${root}/dst/src/a.png`);
    void a;
  });

  test('rename: job RENAME_FOLDER → Completed; purgeCache → purgeRequestId', async () => {
    const root = newFolder();
    const up = await upload(ik, `${root}/old`, 'a.png');
    await upload(ik, `${root}/old/sub`, 'b.png');
    assert.equal((await httpCall(up.url)).status, 200);
    const started = await ik.folders.rename({ folderPath: `${root}/old`, newFolderName: 'new name', purgeCache: true });
    const job = await waitJob(ik, started.jobId);
    assert.equal(job.type, 'RENAME_FOLDER');
    assert.equal(typeof job.purgeRequestId, 'string', `purgeCache=true gives a purgeRequestId: ${JSON.stringify(job)}`);
    await waitPurgeCompleted(async () => (await ik.cache.invalidation.get(job.purgeRequestId)).status);
    assert.deepEqual(await folderNames(root), ['new_name']);
    assert.deepEqual(names(await ik.assets.list({ path: `${root}/new_name` })), ['a.png']);
    assert.deepEqual(names(await ik.assets.list({ path: `${root}/new_name/sub` })), ['b.png']);
    assert.equal((await ik.files.get(up.fileId)).filePath, `${root}/new_name/a.png`);
    assert.equal((await httpCall(up.url)).status, 404, 'old URL purged');
    assert.equal((await httpCall(`${server.urlEndpoint}${root}/new_name/a.png`)).status, 200);

    const plain = await ik.folders.rename({ folderPath: `${root}/new_name`, newFolderName: 'third' });
    const job2 = await waitJob(ik, plain.jobId);
    assert.equal(job2.purgeRequestId, undefined, 'no purge without purgeCache');
    assert.deepEqual(await folderNames(root), ['third']);
  });

  test('job errors and bad folder operations → 4xx, nothing changed', async () => {
    const root = newFolder();
    await upload(ik, `${root}/src/child`, 'a.png');
    await expectApiError(ik.folders.job.get(unknownId()), NotFoundError, 404, 'The requested job does not exist.');

    const noFiles = await expectApiError(
      ik.folders.copy({ sourceFolderPath: `${root}/missing`, destinationPath: `${root}/dst` }),
      NotFoundError,
      404,
    );
    assert.equal(noFiles.error.reason, 'NO_FILES_FOLDER');
    const missing = await expectApiError(ik.folders.copy({ sourceFolderPath: `${root}/src` }), BadRequestError, 400);
    assert.equal(missing.error.reason, 'MISSING_PARAMETER');
    const rootSrc = await expectApiError(ik.folders.copy({ sourceFolderPath: '/', destinationPath: `${root}/dst` }), BadRequestError, 400);
    assert.equal(rootSrc.error.reason, 'SOURCE_IS_ROOT');
    const same = await expectApiError(
      ik.folders.move({ sourceFolderPath: `${root}/src`, destinationPath: `${root}/src` }),
      BadRequestError,
      400,
    );
    assert.equal(same.error.reason, 'SAME_SOURCE_AND_DESTINATION');
    const intoChild = await expectApiError(
      ik.folders.move({ sourceFolderPath: `${root}/src`, destinationPath: `${root}/src/child` }),
      BadRequestError,
      400,
    );
    assert.equal(intoChild.error.reason, 'INVALID_DESTINATION_PATH');
    await expectApiError(ik.folders.rename({ folderPath: `${root}/src` }), BadRequestError, 400);
    const renameMissing = await expectApiError(
      ik.folders.rename({ folderPath: `${root}/nope`, newFolderName: 'x' }),
      NotFoundError,
      404,
    );
    assert.equal(typeof renameMissing.error.message, 'string');

    assert.deepEqual(await folderNames(root), ['src']);
    assert.deepEqual(await folderNames(`${root}/src`), ['child']);
    assert.deepEqual(names(await ik.assets.list({ path: `${root}/src/child` })), ['a.png']);
  });
});
