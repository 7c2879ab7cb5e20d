// Metadata (spec §2.11, §3.4), account usage and configuration endpoints (§2.13) with
// @imagekit/nodejs 7.x: files.metadata.get / getFromURL, accounts.usage.get, named
// transformations, saved extensions and URL endpoints CRUD; origins answer "not implemented".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { APIError, BadRequestError, NotFoundError } from '@imagekit/nodejs';

import { FILE_ID, assertJsonError, basicAuth, expectApiError, httpCall, makePng, unknownId } from './helpers.mjs';
import { client, exifSegment, makeJpeg, token, upload } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

const ymd = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => new Date(Date.now() + n * 86_400_000);

describe('@imagekit/nodejs 7.x files.metadata', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('files.metadata.get of a PNG: dimensions, format, transparency, pHash', async () => {
    const png = makePng(12, 7, { alpha: true });
    const up = await upload(ik, newFolder(), 'm.png', png);
    const { data: m, response } = await ik.files.metadata.get(up.fileId).withResponse();
    assert.equal(response.status, 200);
    assert.equal(m.width, 12);
    assert.equal(m.height, 7);
    assert.equal(m.size, png.length);
    assert.equal(m.format, 'png');
    assert.equal(m.hasTransparency, true);
    assert.equal(typeof m.hasColorProfile, 'boolean');
    assert.equal(m.hasColorProfile, false);
    assert.equal(typeof m.quality, 'number');
    assert.equal(typeof m.density, 'number');
    assert.match(m.pHash, /^[0-9a-f]{16}$/, `pHash is a hex string: ${m.pHash}`);
    const rgb = await upload(ik, newFolder(), 'rgb.png', makePng(3, 3));
    assert.equal((await ik.files.metadata.get(rgb.fileId)).hasTransparency, false);
  });

  test('files.metadata.get of a JPEG with EXIF: image, exif, gps sections', async () => {
    const jpg = makeJpeg(24, 16, { level: 90, exif: exifSegment({ make: 'HalftoneCam', model: 'HT-1', iso: 200 }) });
    const up = await upload(ik, newFolder(), 'e.jpg', jpg);
    const m = await ik.files.metadata.get(up.fileId);
    assert.equal(m.width, 24);
    assert.equal(m.height, 16);
    assert.equal(m.format, 'jpg');
    assert.equal(m.size, jpg.length);
    assert.equal(m.hasTransparency, false);
    assert.ok(m.exif && typeof m.exif === 'object', JSON.stringify(m));
    assert.equal(m.exif.image?.Make, 'HalftoneCam');
    assert.equal(m.exif.image?.Model, 'HT-1');
    assert.equal(m.exif.image?.Orientation, 1);
    assert.equal(m.exif.exif?.ISO, 200);
    assert.equal(m.exif.exif?.DateTimeOriginal, '2021:05:06 07:08:09');
    assert.deepEqual(m.exif.gps?.GPSVersionID, [2, 3, 0, 0]);
    assert.equal(m.exif.gps?.GPSLatitudeRef, 'N');
    assert.deepEqual(m.exif.gps?.GPSLatitude, [48, 51, 30]);
    // embeddedMetadata on the File object
    const d = await ik.files.get(up.fileId);
    assert.equal(typeof d.embeddedMetadata, 'object');
    assert.equal(d.embeddedMetadata?.Make, 'HalftoneCam', JSON.stringify(d.embeddedMetadata));
    // upload responseFields metadata / embeddedMetadata
    const up2 = await upload(ik, newFolder(), 'e2.jpg', jpg, { responseFields: ['metadata', 'embeddedMetadata'] });
    assert.equal(up2.metadata?.width, 24);
    assert.equal(up2.metadata?.exif?.image?.Make, 'HalftoneCam');
    assert.equal(up2.embeddedMetadata?.Model, 'HT-1');
  });

  test('files.metadata.getFromURL (and /v1/files/metadata) match files.metadata.get', async () => {
    const png = makePng(9, 4);
    const up = await upload(ik, newFolder(), 'u.png', png);
    const byId = await ik.files.metadata.get(up.fileId);
    const byUrl = await ik.files.metadata.getFromURL({ url: up.url });
    assert.deepEqual(byUrl, byId);
    const alt = await httpCall(`${server.baseUrl}/v1/files/metadata?url=${encodeURIComponent(up.url)}`, {
      headers: { Authorization: basicAuth(server.privateKey) },
    });
    assert.equal(alt.status, 200, alt.show);
    assert.deepEqual(alt.json, byId);
  });

  test('metadata errors: unknown file 404, foreign URL 400, missing url 400', async () => {
    await expectApiError(
      ik.files.metadata.get(unknownId()),
      NotFoundError,
      404,
      'The requested file does not exist or is inaccessible at this time.',
    );
    await expectApiError(
      ik.files.metadata.getFromURL({ url: 'https://example.com/some/image.jpg' }),
      BadRequestError,
      400,
      'The url should be accessible using your ImageKit.io account.',
    );
    await expectApiError(ik.files.metadata.getFromURL({}), BadRequestError, 400);
    await expectApiError(ik.files.metadata.get('bad-id'), BadRequestError, 400);
  });

  test('metadata of a non-image file → 400 corrupt/invalid or a Metadata object without dimensions', async () => {
    const up = await ik.files.upload({
      file: Buffer.from('not an image').toString('base64'),
      fileName: 'x.txt',
      folder: newFolder(),
      useUniqueFileName: false,
    });
    try {
      const m = await ik.files.metadata.get(up.fileId);
      assert.equal(m.width, undefined);
    } catch (e) {
      assert.ok(e instanceof BadRequestError, `${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.error.message, 'The requested file is corrupt or invalid.');
    }
  });
});

describe('@imagekit/nodejs 7.x accounts and configuration', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  test('accounts.usage.get: integers, storage counts the library', async () => {
    const png = makePng(30, 30, { noise: true });
    await upload(ik, newFolder(), 'usage.png', png);
    const { data: u, response } = await ik.accounts.usage
      .get({ startDate: ymd(daysFromNow(-7)), endDate: ymd(daysFromNow(1)) })
      .withResponse();
    assert.equal(response.status, 200);
    for (const k of ['bandwidthBytes', 'mediaLibraryStorageBytes', 'videoProcessingUnitsCount', 'extensionUnitsCount', 'originalCacheStorageBytes']) {
      assert.ok(Number.isInteger(u[k]) && u[k] >= 0, `${k} = ${u[k]}`);
    }
    assert.ok(u.mediaLibraryStorageBytes >= png.length, `storage ${u.mediaLibraryStorageBytes} counts the upload`);
  });

  test('accounts.usage.get bad ranges → 400 with the spec messages', async () => {
    await expectApiError(
      ik.accounts.usage.get({ startDate: ymd(daysFromNow(-100)), endDate: ymd(daysFromNow(0)) }),
      BadRequestError,
      400,
      'startDate and endDate should be within 90 days.',
    );
    await expectApiError(
      ik.accounts.usage.get({ startDate: ymd(daysFromNow(-1)) }),
      BadRequestError,
      400,
      'startDate and endDate are required in query parameters.',
    );
    await expectApiError(
      ik.accounts.usage.get({ startDate: '2024/01/01', endDate: '2024/01/05' }),
      BadRequestError,
      400,
      'startDate and endDate should be in format YYYY-MM-DD.',
    );
    await expectApiError(
      ik.accounts.usage.get({ startDate: '2024-01-05', endDate: '2024-01-01' }),
      BadRequestError,
      400,
      'startDate should be before endDate.',
    );
  });

  test('namedTransformations: create / list / get / update / delete', async () => {
    const name = token('nt_');
    const { data: created, response } = await ik.namedTransformations
      .create({ name, transformation: 'w-100,h-100', enabled: true })
      .withResponse();
    assert.ok(response.status === 200 || response.status === 201, `status ${response.status}`);
    assert.equal(typeof created.id, 'string');
    assert.equal(created.name, name);
    assert.equal(created.transformation, 'w-100,h-100');
    assert.equal(created.enabled, true);
    assert.equal(typeof created.createdAt, 'string');
    assert.ok((await ik.namedTransformations.list()).some((x) => x.id === created.id));
    assert.deepEqual(await ik.namedTransformations.get(created.id), created);
    const updated = await ik.namedTransformations.update(created.id, { transformation: 'w-50', enabled: false });
    assert.equal(updated.transformation, 'w-50');
    assert.equal(updated.enabled, false);
    assert.equal(updated.name, name);
    assert.equal((await ik.namedTransformations.get(created.id)).transformation, 'w-50');
    const del = await ik.namedTransformations.delete(created.id).withResponse();
    assert.ok(del.response.status === 200 || del.response.status === 204, `delete status ${del.response.status}`);
    await expectApiError(ik.namedTransformations.get(created.id), NotFoundError, 404);
    assert.ok(!(await ik.namedTransformations.list()).some((x) => x.id === created.id));
  });

  test('namedTransformations bad inputs → 400, nothing created', async () => {
    const before = await ik.namedTransformations.list();
    await expectApiError(ik.namedTransformations.create({ name: 'bad name!', transformation: 'w-10' }), BadRequestError, 400);
    await expectApiError(ik.namedTransformations.create({ name: token('nt_') }), BadRequestError, 400);
    await expectApiError(ik.namedTransformations.create({ transformation: 'w-10' }), BadRequestError, 400);
    const name = token('nt_');
    await ik.namedTransformations.create({ name, transformation: 'w-10' });
    await expectApiError(ik.namedTransformations.create({ name, transformation: 'w-20' }), BadRequestError, 400);
    assert.equal((await ik.namedTransformations.list()).length, before.length + 1);
    await expectApiError(ik.namedTransformations.update(unknownId(), { enabled: false }), NotFoundError, 404);
    await expectApiError(ik.namedTransformations.delete(unknownId()), NotFoundError, 404);
  });

  test('savedExtensions: create / list / get / update / delete', async () => {
    const config = { name: 'google-auto-tagging', maxTags: 5, minConfidence: 80 };
    const name = token('se');
    const { data: created, response } = await ik.savedExtensions
      .create({ name, description: 'tags', config })
      .withResponse();
    assert.ok(response.status === 200 || response.status === 201, `status ${response.status}`);
    assert.equal(typeof created.id, 'string');
    assert.equal(created.name, name);
    assert.equal(created.description, 'tags');
    assert.deepEqual(created.config, config);
    assert.equal(typeof created.createdAt, 'string');
    assert.equal(typeof created.updatedAt, 'string');
    assert.ok((await ik.savedExtensions.list()).some((x) => x.id === created.id));
    assert.deepEqual(await ik.savedExtensions.get(created.id), created);
    const updated = await ik.savedExtensions.update(created.id, { description: 'more tags', config: { ...config, maxTags: 10 } });
    assert.equal(updated.description, 'more tags');
    assert.equal(updated.config.maxTags, 10);
    assert.equal(updated.name, name);
    await ik.savedExtensions.delete(created.id);
    await expectApiError(ik.savedExtensions.get(created.id), NotFoundError, 404);
    await expectApiError(ik.savedExtensions.update(unknownId(), { description: 'x' }), NotFoundError, 404);
  });

  test('savedExtensions bad inputs (missing config, config not an ExtensionConfig) → 400, nothing created', async () => {
    const before = (await ik.savedExtensions.list()).length;
    await expectApiError(ik.savedExtensions.create({ name: token('se'), description: 'x' }), BadRequestError, 400);
    await expectApiError(ik.savedExtensions.create({ name: token('se'), description: 'x', config: { name: 'nope' } }), BadRequestError, 400);
    assert.equal((await ik.savedExtensions.list()).length, before);
  });

  test('accounts.urlEndpoints: create / list / get / update / delete', async () => {
    const prefix = token('ep');
    const { data: created, response } = await ik.accounts.urlEndpoints
      .create({ description: 'secondary', urlPrefix: prefix, origins: [] })
      .withResponse();
    assert.ok(response.status === 200 || response.status === 201, `status ${response.status}`);
    assert.equal(typeof created.id, 'string');
    assert.equal(created.description, 'secondary');
    assert.equal(created.urlPrefix, prefix);
    assert.deepEqual(created.origins, []);
    assert.ok((await ik.accounts.urlEndpoints.list()).some((x) => x.id === created.id));
    assert.deepEqual(await ik.accounts.urlEndpoints.get(created.id), created);
    const updated = await ik.accounts.urlEndpoints.update(created.id, { description: 'renamed', urlPrefix: prefix, urlRewriter: { type: 'IMGIX' } });
    assert.equal(updated.description, 'renamed');
    assert.deepEqual(updated.urlRewriter, { type: 'IMGIX' });
    await ik.accounts.urlEndpoints.delete(created.id);
    await expectApiError(ik.accounts.urlEndpoints.get(created.id), NotFoundError, 404);
    await expectApiError(ik.accounts.urlEndpoints.create({ urlPrefix: token('ep') }), BadRequestError, 400);
  });

  test('accounts.urlEndpoints with an urlPrefix already in use → 400, nothing created', async () => {
    const dup = token('ep');
    await ik.accounts.urlEndpoints.create({ description: 'a', urlPrefix: dup });
    await expectApiError(ik.accounts.urlEndpoints.create({ description: 'b', urlPrefix: dup }), BadRequestError, 400);
    assert.equal((await ik.accounts.urlEndpoints.list()).filter((x) => x.urlPrefix === dup).length, 1);
  });

  test('origins and usage analytics answer a clear JSON "not implemented" error', async () => {
    for (const p of [
      ik.accounts.origins.list(),
      ik.accounts.usageAnalytics?.get?.({ startDate: ymd(daysFromNow(-2)), endDate: ymd(daysFromNow(0)) }),
    ].filter(Boolean)) {
      let err;
      try {
        await p;
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof APIError, `expected an API error, got ${err}`);
      assert.ok(err.status >= 400, `status ${err.status}`);
      assert.equal(typeof err.error?.message, 'string');
      assert.match(err.error.message, /not (yet )?(implemented|supported)/i, err.error.message);
    }
    const raw = await httpCall(`${server.baseUrl}/v1/accounts/origins`, { headers: { Authorization: basicAuth(server.privateKey) } });
    assertJsonError(raw, raw.status);
    assert.ok(raw.status >= 400);
    void FILE_ID;
  });
});
