// List & search (spec §2.3, §5) with @imagekit/nodejs 7.x: assets.list with type, sort, path,
// fileType, limit, skip and searchQuery (Node sends spaces as %20; a raw call checks `+`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BadRequestError, toFile } from '@imagekit/nodejs';

import { ISO_MS, assertJsonError, basicAuth, expectApiError, httpCall, makePng } from './helpers.mjs';
import { client, names, sleep, token, upload } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

describe('@imagekit/nodejs 7.x assets.list', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  // ---------------------------------------------------------------- path / type
  test('path lists exactly that folder level; type file / folder / all', async () => {
    const folder = newFolder();
    await upload(ik, folder, 'a.png');
    await upload(ik, folder, 'b.png');
    await upload(ik, `${folder}/sub`, 'c.png');

    const files = await ik.assets.list({ path: folder });
    assert.deepEqual(names(files), ['a.png', 'b.png'], 'default type=file, no sub-folder files');
    for (const f of files) {
      assert.equal(f.type, 'file');
      assert.equal(f.filePath, `${folder}/${f.name}`);
    }

    const withSlash = await ik.assets.list({ path: `${folder}/` });
    assert.deepEqual(names(withSlash), ['a.png', 'b.png'], 'a trailing slash on path is the same folder');

    const folders = await ik.assets.list({ path: folder, type: 'folder' });
    assert.equal(folders.length, 1, JSON.stringify(folders));
    const sub = folders[0];
    assert.equal(sub.type, 'folder');
    assert.equal(sub.name, 'sub');
    assert.equal(sub.folderPath, `${folder}/sub`);
    assert.equal(typeof sub.folderId, 'string');
    assert.deepEqual(sub.customMetadata, {});
    assert.match(sub.createdAt, ISO_MS);
    assert.match(sub.updatedAt, ISO_MS);

    const all = await ik.assets.list({ path: folder, type: 'all' });
    assert.deepEqual(
      all.map((x) => `${x.type}:${x.name}`).sort(),
      ['file:a.png', 'file:b.png', 'folder:sub'],
    );

    const nested = await ik.assets.list({ path: `${folder}/sub` });
    assert.deepEqual(names(nested), ['c.png']);
  });

  test('type=file-version lists the non-current versions with ?ik-obj-version', async () => {
    const folder = newFolder();
    const v1 = await upload(ik, folder, 'v.png', makePng(3, 3));
    await upload(ik, folder, 'v.png', makePng(5, 5));
    await upload(ik, folder, 'other.png');
    const versions = await ik.assets.list({ path: folder, type: 'file-version' });
    assert.ok(versions.length >= 1, 'at least the old version is listed');
    for (const v of versions) assert.equal(v.type, 'file-version', JSON.stringify(v));
    const old = versions.find((v) => v.versionInfo?.id === v1.versionInfo.id);
    assert.ok(old, `version 1 (${v1.versionInfo.id}) is listed: ${JSON.stringify(versions)}`);
    assert.equal(old.fileId, v1.fileId);
    assert.equal(old.width, 3);
    assert.equal(old.versionInfo.name, 'Version 1');
    assert.ok(old.url.endsWith(`?ik-obj-version=${v1.versionInfo.id}`), old.url);
    assert.ok(!versions.some((v) => v.name === 'other.png'), 'a file with a single version has no old version');
  });

  test('fileType image / non-image / all', async () => {
    const folder = newFolder();
    await upload(ik, folder, 'pic.png');
    await ik.files.upload({ file: await toFile(Buffer.from('hello text'), 'note.txt'), fileName: 'note.txt', folder, useUniqueFileName: false });
    assert.deepEqual(names(await ik.assets.list({ path: folder, fileType: 'image' })), ['pic.png']);
    assert.deepEqual(names(await ik.assets.list({ path: folder, fileType: 'non-image' })), ['note.txt']);
    assert.deepEqual(names(await ik.assets.list({ path: folder, fileType: 'all' })), ['note.txt', 'pic.png']);
    const txt = (await ik.assets.list({ path: folder, fileType: 'non-image' }))[0];
    assert.equal(txt.fileType, 'non-image');
  });

  // ---------------------------------------------------------------- sort / paging
  test('every sort order', async () => {
    const folder = newFolder();
    // name, width, height; created in this order
    const specs = [
      ['b.png', 5, 9],
      ['c.png', 2, 4],
      ['a.png', 8, 1],
    ];
    const sizes = {};
    for (const [name, w, h] of specs) {
      const png = makePng(w, h, { noise: true });
      sizes[name] = png.length;
      await upload(ik, folder, name, png);
      await sleep(15);
    }
    // make updatedAt differ from createdAt order: touch b.png last
    await sleep(15);
    await ik.files.update((await ik.assets.list({ path: folder, searchQuery: undefined })).find((f) => f.name === 'b.png').fileId, {
      description: 'touched',
    });
    const order = async (sort) => (await ik.assets.list({ path: folder, sort })).map((f) => f.name);
    assert.deepEqual(await order('ASC_NAME'), ['a.png', 'b.png', 'c.png']);
    assert.deepEqual(await order('DESC_NAME'), ['c.png', 'b.png', 'a.png']);
    assert.deepEqual(await order('ASC_CREATED'), ['b.png', 'c.png', 'a.png']);
    assert.deepEqual(await order('DESC_CREATED'), ['a.png', 'c.png', 'b.png']);
    assert.deepEqual(await order('ASC_UPDATED'), ['c.png', 'a.png', 'b.png']);
    assert.deepEqual(await order('DESC_UPDATED'), ['b.png', 'a.png', 'c.png']);
    assert.deepEqual(await order('ASC_WIDTH'), ['c.png', 'b.png', 'a.png']);
    assert.deepEqual(await order('DESC_WIDTH'), ['a.png', 'b.png', 'c.png']);
    assert.deepEqual(await order('ASC_HEIGHT'), ['a.png', 'c.png', 'b.png']);
    assert.deepEqual(await order('DESC_HEIGHT'), ['b.png', 'c.png', 'a.png']);
    const bySize = Object.keys(sizes).sort((x, y) => sizes[x] - sizes[y]);
    assert.deepEqual(await order('ASC_SIZE'), bySize);
    assert.deepEqual(await order('DESC_SIZE'), [...bySize].reverse());
    // default is ASC_CREATED
    assert.deepEqual((await ik.assets.list({ path: folder })).map((f) => f.name), ['b.png', 'c.png', 'a.png']);
    // RELEVANCE is an accepted value
    const rel = await ik.assets.list({ path: folder, sort: 'DESC_RELEVANCE' });
    assert.equal(rel.length, 3);
  });

  test('limit and skip page through the results', async () => {
    const folder = newFolder();
    for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) await upload(ik, folder, `${n}.png`);
    const page = async (skip) => (await ik.assets.list({ path: folder, sort: 'ASC_NAME', limit: 2, skip })).map((f) => f.name);
    assert.deepEqual(await page(0), ['p1.png', 'p2.png']);
    assert.deepEqual(await page(2), ['p3.png', 'p4.png']);
    assert.deepEqual(await page(4), ['p5.png']);
    assert.deepEqual(await page(5), []);
    assert.equal((await ik.assets.list({ path: folder, limit: 1000 })).length, 5);
    assert.equal((await ik.assets.list({ path: folder, limit: 1 })).length, 1);
  });

  test('bad list parameters → 400 with the spec messages', async () => {
    await expectApiError(
      ik.assets.list({ skip: -1 }),
      BadRequestError,
      400,
      'The value of skip parameter should be greater than or equal to 0. Value sent is -1.',
    );
    await expectApiError(ik.assets.list({ limit: 0 }), BadRequestError, 400, 'Minimum value of limit parameter is 1. Value sent is 0.');
    await expectApiError(
      ik.assets.list({ limit: 2000 }),
      BadRequestError,
      400,
      'Maximum value of limit parameter is 1000. Value sent is 2000.',
    );
    await expectApiError(ik.assets.list({ sort: 'BY_MOOD' }), BadRequestError, 400, 'Your request contains invalid value for sort parameters.');
    await expectApiError(
      ik.assets.list({ type: 'everything' }),
      BadRequestError,
      400,
      'Your request contains invalid value for type parameter. Please provide one of the following: file, file-version, folder, all.',
    );
    await expectApiError(ik.assets.list({ fileType: 'video-ish' }), BadRequestError, 400);
    await expectApiError(ik.assets.list({ limit: 'ten' }), BadRequestError, 400);
  });
});

describe('@imagekit/nodejs 7.x searchQuery', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  const search = (searchQuery, extra = {}) => ik.assets.list({ searchQuery, ...extra });
  const fileNames = (items) => names(items.filter((x) => x.type === 'file'));

  test('name prefix (:), equality (=), IN, NOT =, NOT IN', async () => {
    const folder = newFolder();
    const t = token();
    for (const n of [`${t}-red-dress.png`, `${t}-red-shoe.png`, `${t}-blue-dress.png`]) await upload(ik, folder, n);
    assert.deepEqual(fileNames(await search(`name : "${t}-red-"`)), [`${t}-red-dress.png`, `${t}-red-shoe.png`]);
    assert.deepEqual(fileNames(await search(`name = "${t}-blue-dress.png"`)), [`${t}-blue-dress.png`]);
    assert.deepEqual(fileNames(await search(`name = "${t}-blue"`)), [], '= is exact, not prefix');
    assert.deepEqual(fileNames(await search(`name : "${t.toUpperCase()}-red-"`)), [], ': is case-sensitive');
    assert.deepEqual(
      fileNames(await search(`name IN ["${t}-red-shoe.png", "${t}-blue-dress.png"]`)),
      [`${t}-blue-dress.png`, `${t}-red-shoe.png`],
    );
    assert.deepEqual(
      fileNames(await search(`name : "${t}" AND name NOT = "${t}-red-shoe.png"`)),
      [`${t}-blue-dress.png`, `${t}-red-dress.png`],
    );
    assert.deepEqual(
      fileNames(await search(`name : "${t}" AND name NOT IN ["${t}-red-shoe.png", "${t}-red-dress.png"]`)),
      [`${t}-blue-dress.png`],
    );
  });

  test('tags IN / NOT IN / EXISTS / NOT EXISTS / HAS', async () => {
    const folder = newFolder();
    const t = token();
    const [ta, tb] = [`${t}sale`, `${t}banner`];
    await upload(ik, folder, `${t}-1.png`, makePng(), { tags: [ta] });
    await upload(ik, folder, `${t}-2.png`, makePng(), { tags: [tb, 'x'] });
    await upload(ik, folder, `${t}-3.png`);
    assert.deepEqual(fileNames(await search(`tags IN ["${ta}", "${tb}"]`)), [`${t}-1.png`, `${t}-2.png`]);
    assert.deepEqual(fileNames(await search(`tags IN ["${tb}"]`)), [`${t}-2.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND tags NOT IN ["${ta}"]`)), [`${t}-2.png`, `${t}-3.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND tags EXISTS`)), [`${t}-1.png`, `${t}-2.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND tags NOT EXISTS`)), [`${t}-3.png`]);
    assert.deepEqual(fileNames(await search(`tags HAS "${tb.toUpperCase()}"`)), [`${t}-2.png`], 'HAS is case-insensitive');
  });

  test('name HAS is tokenised, case-insensitive, last token prefix-matched', async () => {
    const folder = newFolder();
    const t = token();
    await upload(ik, folder, `${t}-summer-dress.png`);
    await upload(ik, folder, `${t}-winter-coat.png`);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND name HAS "DRESS"`)), [`${t}-summer-dress.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND name HAS "win"`)), [`${t}-winter-coat.png`]);
  });

  test('size range, units and createdAt (absolute and relative dates)', async () => {
    const folder = newFolder();
    const t = token();
    const small = makePng(2, 2); // < 100 bytes
    const mid = makePng(40, 40, { noise: true }); // ~ 4.8 kB
    const big = makePng(100, 100, { noise: true }); // ~ 30 kB
    assert.ok(small.length < 200 && mid.length > 3000 && mid.length < 9000 && big.length > 20000);
    await upload(ik, folder, `${t}-small.png`, small);
    await upload(ik, folder, `${t}-mid.png`, mid);
    await upload(ik, folder, `${t}-big.png`, big);

    assert.deepEqual(fileNames(await search(`name : "${t}" AND size > 1000 AND size < 10000`)), [`${t}-mid.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND size >= "2kb" AND size <= "10kb"`)), [`${t}-mid.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND size > "1mb"`)), []);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND size < "1mb" AND createdAt > "7d"`)), [
      `${t}-big.png`,
      `${t}-mid.png`,
      `${t}-small.png`,
    ]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND size = ${small.length}`)), [`${t}-small.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND size IN [${small.length}, ${big.length}]`)), [
      `${t}-big.png`,
      `${t}-small.png`,
    ]);
    // relative dates: h, d, w, m (months), y
    for (const rel of ['1h', '7d', '2w', '3m', '1y']) {
      assert.equal((await search(`name : "${t}" AND createdAt > "${rel}"`)).length, 3, `createdAt > "${rel}"`);
      assert.equal((await search(`name : "${t}" AND createdAt < "${rel}"`)).length, 0, `createdAt < "${rel}"`);
    }
    // absolute dates, quoted and unquoted
    assert.equal((await search(`name : "${t}" AND createdAt > "2020-01-01"`)).length, 3);
    assert.equal((await search(`name : "${t}" AND createdAt >= 2020-01-01`)).length, 3);
    assert.equal((await search(`name : "${t}" AND createdAt < "2020-01-01T00:00:00"`)).length, 0);
    assert.equal((await search(`name : "${t}" AND updatedAt > "1d"`)).length, 3);
  });

  test('width/height/format/type and OR with parentheses', async () => {
    const folder = newFolder();
    const t = token();
    await upload(ik, folder, `${t}-wide.png`, makePng(60, 10), { tags: [`${t}x`] });
    await upload(ik, folder, `${t}-tall.png`, makePng(10, 60));
    await upload(ik, folder, `${t}-tiny.png`, makePng(2, 2));
    assert.deepEqual(fileNames(await search(`name : "${t}" AND width > 50`)), [`${t}-wide.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND height >= 60`)), [`${t}-tall.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND format = "png"`)).length, 3);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND format = "jpg"`)), []);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND type = "file"`)).length, 3);
    // OR of two conditions
    assert.deepEqual(fileNames(await search(`name = "${t}-tiny.png" OR tags IN ["${t}x"]`)), [`${t}-tiny.png`, `${t}-wide.png`]);
    assert.deepEqual(
      fileNames(await search(`name : "${t}" AND (width > 50 OR height > 50)`)),
      [`${t}-tall.png`, `${t}-wide.png`],
    );
    // AND binds tighter than OR
    assert.deepEqual(
      fileNames(await search(`name = "${t}-tiny.png" OR name : "${t}" AND width > 50`)),
      [`${t}-tiny.png`, `${t}-wide.png`],
    );
    assert.deepEqual(fileNames(await search(`name : "${t}" AND private = false AND published = true`)).length, 3);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND private = true`)), []);
  });

  test('path : (folder and sub-folders), path = (exact level); files and folders both appear', async () => {
    const folder = newFolder();
    await upload(ik, folder, 'a.png');
    await upload(ik, `${folder}/sub`, 'c.png');
    const deep = await search(`path : "${folder}/"`);
    assert.deepEqual(
      deep.map((x) => `${x.type}:${x.name}`).sort(),
      ['file:a.png', 'file:c.png', 'folder:sub'],
      JSON.stringify(deep),
    );
    const sub = deep.find((x) => x.type === 'folder');
    assert.equal(sub.folderPath, `${folder}/sub`);
    const exact = await search(`path = "${folder}/"`);
    assert.deepEqual(exact.map((x) => `${x.type}:${x.name}`).sort(), ['file:a.png', 'folder:sub']);
    // type = "folder" narrows to folders; the `type` query parameter is ignored with searchQuery
    const onlyFolders = await search(`path : "${folder}/" AND type = "folder"`);
    assert.deepEqual(onlyFolders.map((x) => `${x.type}:${x.name}`), ['folder:sub']);
    const ignoredType = await search(`path : "${folder}/" AND type = "file"`, { type: 'folder' });
    assert.deepEqual(names(ignoredType), ['a.png', 'c.png']);
  });

  test('type = "file-version" returns versions', async () => {
    const folder = newFolder();
    const v1 = await upload(ik, folder, 'v.png', makePng(3, 3));
    await upload(ik, folder, 'v.png', makePng(4, 4));
    const versions = await search(`path = "${folder}/" AND type = "file-version"`);
    assert.ok(versions.length >= 1);
    for (const v of versions) assert.equal(v.type, 'file-version');
    assert.ok(versions.some((v) => v.versionInfo?.id === v1.versionInfo.id), JSON.stringify(versions));
    const files = await search(`path = "${folder}/"`);
    assert.deepEqual(files.map((x) => `${x.type}:${x.name}`), ['file:v.png'], 'versions only when asked for');
  });

  test('customMetadata equality, comparison and OR', async () => {
    const folder = newFolder();
    const t = token();
    const brand = `${t}brand`;
    const rating = `${t}rating`;
    await ik.customMetadataFields.create({ name: brand, label: `${t} Brand`, schema: { type: 'Text' } });
    await ik.customMetadataFields.create({ name: rating, label: `${t} Rating`, schema: { type: 'Number' } });
    const one = await upload(ik, folder, `${t}-1.png`);
    await ik.files.update(one.fileId, { customMetadata: { [brand]: 'acme', [rating]: 4.5 } });
    const two = await upload(ik, folder, `${t}-2.png`);
    await ik.files.update(two.fileId, { customMetadata: { [brand]: 'globex', [rating]: 3 } });
    await upload(ik, folder, `${t}-3.png`);
    assert.deepEqual(fileNames(await search(`"customMetadata.${brand}" = "acme"`)), [`${t}-1.png`]);
    assert.deepEqual(fileNames(await search(`"customMetadata.${rating}" > 4.3`)), [`${t}-1.png`]);
    assert.deepEqual(fileNames(await search(`"customMetadata.${rating}" <= 3`)), [`${t}-2.png`]);
    assert.deepEqual(
      fileNames(await search(`"customMetadata.${brand}" = "globex" OR "customMetadata.${rating}" > 4`)),
      [`${t}-1.png`, `${t}-2.png`],
    );
    assert.deepEqual(fileNames(await search(`name : "${t}" AND "customMetadata.${brand}" EXISTS`)), [`${t}-1.png`, `${t}-2.png`]);
    assert.deepEqual(fileNames(await search(`name : "${t}" AND "customMetadata.${brand}" NOT EXISTS`)), [`${t}-3.png`]);
    assert.deepEqual(fileNames(await search(`"customMetadata.${brand}" IN ["acme", "initech"]`)), [`${t}-1.png`]);
  });

  test('a searchQuery with spaces sent form-encoded (+) matches like %20', async () => {
    const folder = newFolder();
    const t = token();
    await upload(ik, folder, `${t}-plus.png`);
    const q = `name : "${t}-plus"`;
    const plus = new URLSearchParams({ searchQuery: q }).toString();
    assert.ok(plus.includes('+'), plus);
    const r = await httpCall(`${server.baseUrl}/v1/files?${plus}`, { headers: { Authorization: basicAuth(server.privateKey) } });
    assert.equal(r.status, 200, r.show);
    assert.deepEqual(r.json.map((x) => x.name), [`${t}-plus.png`]);
    const pct = await httpCall(`${server.baseUrl}/v1/files?searchQuery=${encodeURIComponent(q)}`, {
      headers: { Authorization: basicAuth(server.privateKey) },
    });
    assert.deepEqual(pct.json.map((x) => x.name), [`${t}-plus.png`]);
  });

  test('malformed queries → 400 saying what and where; injection attempts are plain values', async () => {
    const folder = newFolder();
    const t = token();
    await upload(ik, folder, `${t}-safe.png`);
    for (const q of [
      'name = ',
      'name : "unterminated',
      '(name = "a"',
      'name = "a" AND',
      'bogusfield = "x"',
      'size > "ten"',
      'name ~ "a"',
      'createdAt > "yesterday-ish"',
    ]) {
      const err = await expectApiError(search(q), BadRequestError, 400).catch((e) => {
        e.message = `searchQuery ${JSON.stringify(q)}: ${e.message}`;
        throw e;
      });
      assert.ok(err.error.message.length > 10, `message for ${q}: ${err.error.message}`);
      assert.equal(typeof err.error.help, 'string');
    }
    const err = await expectApiError(search('name = "a" AND AND size > 1'), BadRequestError, 400);
    assert.match(err.error.message, /\d/, `the message names a position: ${err.error.message}`);
    // SQL-ish payloads are just values: they match nothing and break nothing
    for (const q of [
      `name = "x' OR '1'='1"`,
      `name = "\\" OR 1=1 --"`,
      `name : "%"`,
      `name : "_"`,
      `tags IN ["a'); DROP TABLE files; --"]`,
    ]) {
      const r = await search(q);
      assert.ok(!r.some((x) => x.name === `${t}-safe.png`), `${q} must not match everything`);
    }
    assert.deepEqual(fileNames(await search(`name : "${t}"`)), [`${t}-safe.png`], 'the library is intact');
    // raw: the JSON error shape
    const raw = await httpCall(`${server.baseUrl}/v1/files?searchQuery=${encodeURIComponent('name = = "x"')}`, {
      headers: { Authorization: basicAuth(server.privateKey) },
    });
    assertJsonError(raw, 400);
  });
});
