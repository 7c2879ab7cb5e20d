// Custom metadata fields (spec §2.12, §3.5) with @imagekit/nodejs 7.x: create/list/update/delete
// for every schema type and rule, values on upload and update (valid and invalid), and search.
// Field names are account-global, so every test makes its own unique names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BadRequestError, NotFoundError, toFile } from '@imagekit/nodejs';

import { FILE_ID, expectApiError, makePng, unknownId } from './helpers.mjs';
import { client, names, token, upload } from './library-helpers.mjs';
import { newFolder, startServer } from './server.mjs';

const NO_FIELD = 'No such custom metadata field exists.';

/** Only the keys of this test's fields (other tests' required fields may add defaults). */
function mine(customMetadata, t) {
  return Object.fromEntries(Object.entries(customMetadata ?? {}).filter(([k]) => k.startsWith(t)));
}

describe('@imagekit/nodejs 7.x customMetadataFields', () => {
  let server;
  let ik;
  before(async () => {
    server = await startServer();
    ik = client(server);
  });
  after(async () => server?.stop());

  const SCHEMAS = {
    Text: { type: 'Text', minLength: 2, maxLength: 10, defaultValue: 'abc', isValueRequired: false },
    Textarea: { type: 'Textarea', maxLength: 200 },
    Number: { type: 'Number', minValue: 1, maxValue: 5 },
    Date: { type: 'Date', minValue: '2020-01-01T00:00:00.000Z', maxValue: '2030-12-31T00:00:00.000Z' },
    Boolean: { type: 'Boolean', isValueRequired: true, defaultValue: false },
    SingleSelect: { type: 'SingleSelect', selectOptions: ['small', 'large', 3, true] },
    MultiSelect: { type: 'MultiSelect', selectOptions: ['red', 'green', 'blue'], defaultValue: ['red'] },
  };

  test('create every schema type: 201 and the field object echoes the schema', async () => {
    const t = token();
    const created = {};
    for (const [type, schema] of Object.entries(SCHEMAS)) {
      const name = `${t}${type.toLowerCase()}`;
      const { data: f, response } = await ik.customMetadataFields
        .create({ name, label: `${t} ${type}`, schema, description: `a ${type} field` })
        .withResponse();
      assert.equal(response.status, 201, type);
      assert.match(f.id, FILE_ID);
      assert.equal(f.name, name);
      assert.equal(f.label, `${t} ${type}`);
      assert.equal(f.description, `a ${type} field`);
      for (const [k, v] of Object.entries(schema)) assert.deepEqual(f.schema[k], v, `${type}.schema.${k}`);
      created[type] = f;
    }
    const list = await ik.customMetadataFields.list();
    for (const f of Object.values(created)) {
      const found = list.find((x) => x.id === f.id);
      assert.ok(found, `${f.name} is listed`);
      assert.deepEqual(found, f);
    }
    // the required Boolean would give every later file a default value: remove the fields again
    for (const f of Object.values(created)) await ik.customMetadataFields.delete(f.id);
  });

  test('invalid field objects → 400, nothing created', async () => {
    const t = token();
    const bad = [
      ['nrng', { type: 'Number', minValue: 'one' }],
      ['tlen', { type: 'Text', minLength: -1 }],
      ['ssel', { type: 'SingleSelect' }],
      ['msel', { type: 'MultiSelect', selectOptions: [] }],
      ['req', { type: 'Text', isValueRequired: true }],
      ['dflt', { type: 'Number', minValue: 1, maxValue: 5, defaultValue: 9 }],
      ['dsel', { type: 'SingleSelect', selectOptions: ['a'], defaultValue: 'b' }],
      ['typ', { type: 'Colour' }],
      ['notype', {}],
      ['date', { type: 'Date', minValue: 'not-a-date' }],
    ];
    for (const [suffix, schema] of bad) {
      await expectApiError(
        ik.customMetadataFields.create({ name: `${t}${suffix}`, label: `${t} ${suffix}`, schema }),
        BadRequestError,
        400,
      ).catch((e) => {
        e.message = `${JSON.stringify(schema)}: ${e.message}`;
        throw e;
      });
    }
    const nrng = await expectApiError(
      ik.customMetadataFields.create({ name: `${t}x`, label: `${t} x`, schema: { type: 'Number', minValue: 'one' } }),
      BadRequestError,
      400,
      'Invalid field object',
    );
    assert.equal(typeof nrng.error.errors, 'object', 'errors names the bad keys');
    assert.ok('minValue' in nrng.error.errors, JSON.stringify(nrng.error.errors));
    await expectApiError(ik.customMetadataFields.create({ name: `${t}nolabel`, schema: { type: 'Text' } }), BadRequestError, 400);
    await expectApiError(ik.customMetadataFields.create({ label: `${t} noname`, schema: { type: 'Text' } }), BadRequestError, 400);
    await expectApiError(ik.customMetadataFields.create({ name: `${t}noschema`, label: `${t} noschema` }), BadRequestError, 400);
    await expectApiError(
      ik.customMetadataFields.create({ name: `${t}desc`, label: `${t} desc`, schema: { type: 'Text' }, description: 'd'.repeat(501) }),
      BadRequestError,
      400,
    );
    const all = await ik.customMetadataFields.list({ includeDeleted: true });
    assert.deepEqual(all.filter((f) => f.name.startsWith(t)), [], 'nothing was created');
  });

  test('duplicate name (also of a deleted field) and duplicate label → 400', async () => {
    const t = token();
    const f = await ik.customMetadataFields.create({ name: `${t}dup`, label: `${t} Dup`, schema: { type: 'Text' } });
    await expectApiError(
      ik.customMetadataFields.create({ name: `${t}dup`, label: `${t} Other`, schema: { type: 'Text' } }),
      BadRequestError,
      400,
      'A custom metadata field with this name already exists.',
    );
    await expectApiError(
      ik.customMetadataFields.create({ name: `${t}other`, label: `${t} Dup`, schema: { type: 'Text' } }),
      BadRequestError,
      400,
    );
    await ik.customMetadataFields.delete(f.id);
    await expectApiError(
      ik.customMetadataFields.create({ name: `${t}dup`, label: `${t} Again`, schema: { type: 'Text' } }),
      BadRequestError,
      400,
      'A custom metadata field with this name already exists.',
    );
    // the label of a deleted field is free again
    const again = await ik.customMetadataFields.create({ name: `${t}dup2`, label: `${t} Dup`, schema: { type: 'Text' } });
    assert.equal(again.label, `${t} Dup`);
  });

  test('update label / schema / description; immutable name and type; errors', async () => {
    const t = token();
    const f = await ik.customMetadataFields.create({
      name: `${t}num`,
      label: `${t} Num`,
      description: 'first',
      schema: { type: 'Number', minValue: 1, maxValue: 5 },
    });
    const { data: u, response } = await ik.customMetadataFields
      .update(f.id, { label: `${t} Number`, schema: { minValue: 0, maxValue: 100 } })
      .withResponse();
    assert.equal(response.status, 200);
    assert.equal(u.id, f.id);
    assert.equal(u.name, `${t}num`);
    assert.equal(u.label, `${t} Number`);
    assert.equal(u.schema.type, 'Number');
    assert.equal(u.schema.minValue, 0);
    assert.equal(u.schema.maxValue, 100);
    const cleared = await ik.customMetadataFields.update(f.id, { label: `${t} Number`, description: '' });
    assert.ok(cleared.description === undefined || cleared.description === '', `"" clears: ${JSON.stringify(cleared)}`);
    const listed = (await ik.customMetadataFields.list()).find((x) => x.id === f.id);
    assert.equal(listed.label, `${t} Number`);

    await expectApiError(ik.customMetadataFields.update(f.id, {}), BadRequestError, 400, 'Either label or schema should be provided.');
    await expectApiError(
      ik.customMetadataFields.update(f.id, { name: `${t}renamed`, label: 'x' }),
      BadRequestError,
      400,
      'Name cannot be updated.',
    );
    await expectApiError(ik.customMetadataFields.update(f.id, { schema: { type: 'Text' } }), BadRequestError, 400);
    await expectApiError(ik.customMetadataFields.update(f.id, { schema: { minValue: 'low' } }), BadRequestError, 400);
    const other = await ik.customMetadataFields.create({ name: `${t}other`, label: `${t} Other`, schema: { type: 'Text' } });
    await expectApiError(
      ik.customMetadataFields.update(other.id, { label: `${t} Number` }),
      BadRequestError,
      400,
      'A custom metadata field with this label already exists.',
    );
    await expectApiError(ik.customMetadataFields.update(unknownId(), { label: 'zz' }), NotFoundError, 404, NO_FIELD);
    const still = (await ik.customMetadataFields.list()).find((x) => x.id === f.id);
    assert.deepEqual(still.schema, { type: 'Number', minValue: 0, maxValue: 100 }, 'failed updates changed nothing');
  });

  test('delete: 204; hidden from list unless includeDeleted; cannot update a deleted field', async () => {
    const t = token();
    const f = await ik.customMetadataFields.create({ name: `${t}del`, label: `${t} Del`, schema: { type: 'Boolean' } });
    const { response } = await ik.customMetadataFields.delete(f.id).withResponse();
    assert.equal(response.status, 204);
    assert.ok(!(await ik.customMetadataFields.list()).some((x) => x.id === f.id));
    assert.ok((await ik.customMetadataFields.list({ includeDeleted: true })).some((x) => x.id === f.id));
    await expectApiError(
      ik.customMetadataFields.update(f.id, { label: `${t} Del2` }),
      BadRequestError,
      400,
      'Cannot update a deleted custom metadata fields.',
    );
    await expectApiError(ik.customMetadataFields.delete(f.id), NotFoundError, 404, NO_FIELD);
    await expectApiError(ik.customMetadataFields.delete(unknownId()), NotFoundError, 404, NO_FIELD);
  });

  test('list with folderPath answers an array', async () => {
    const t = token();
    const f = await ik.customMetadataFields.create({ name: `${t}fp`, label: `${t} FP`, schema: { type: 'Text' } });
    const list = await ik.customMetadataFields.list({ folderPath: '/' });
    assert.ok(Array.isArray(list));
    assert.ok(list.some((x) => x.id === f.id), 'without path policies every field applies to every folder');
  });

  // ---------------------------------------------------------------- values
  async function makeFields(t) {
    const mk = (suffix, schema) => ik.customMetadataFields.create({ name: `${t}${suffix}`, label: `${t} ${suffix}`, schema });
    await mk('txt', { type: 'Text', minLength: 2, maxLength: 10 });
    await mk('area', { type: 'Textarea' });
    await mk('num', { type: 'Number', minValue: 1, maxValue: 5 });
    await mk('date', { type: 'Date', minValue: '2020-01-01T00:00:00.000Z', maxValue: '2030-12-31T00:00:00.000Z' });
    await mk('bool', { type: 'Boolean' });
    await mk('one', { type: 'SingleSelect', selectOptions: ['small', 'large', 3] });
    await mk('many', { type: 'MultiSelect', selectOptions: ['red', 'green', 'blue'] });
    return {
      txt: `${t}txt`,
      area: `${t}area`,
      num: `${t}num`,
      date: `${t}date`,
      bool: `${t}bool`,
      one: `${t}one`,
      many: `${t}many`,
    };
  }

  test('upload with valid customMetadata stores it (File object and responseFields)', async () => {
    const t = token();
    const f = await makeFields(t);
    const folder = newFolder();
    const values = {
      [f.txt]: 'hello',
      [f.area]: 'long\ntext',
      [f.num]: 4.5,
      [f.date]: '2024-02-03T00:00:00.000Z',
      [f.bool]: true,
      [f.one]: 'large',
      [f.many]: ['red', 'blue'],
    };
    const up = await upload(ik, folder, 'cm.png', makePng(), { customMetadata: values, responseFields: ['customMetadata'] });
    assert.deepEqual(mine(up.customMetadata, t), values);
    const got = await ik.files.get(up.fileId);
    assert.deepEqual(mine(got.customMetadata, t), values);
    const [listed] = await ik.assets.list({ path: folder });
    assert.deepEqual(mine(listed.customMetadata, t), values);
  });

  test('upload with invalid customMetadata → 400 naming the field, nothing stored', async () => {
    const t = token();
    const f = await makeFields(t);
    const folder = newFolder();
    const bad = [
      { [f.num]: 9 },
      { [f.num]: 'four' },
      { [f.txt]: 'x' },
      { [f.txt]: 'much too long text' },
      { [f.date]: '2010-01-01T00:00:00.000Z' },
      { [f.date]: 'yesterday' },
      { [f.bool]: 'yes' },
      { [f.one]: 'medium' },
      { [f.many]: ['red', 'purple'] },
      { [`${t}unknownfield`]: 'x' },
    ];
    for (const customMetadata of bad) {
      const e = await expectApiError(upload(ik, folder, 'bad.png', makePng(), { customMetadata }), BadRequestError, 400).catch((err) => {
        err.message = `${JSON.stringify(customMetadata)}: ${err.message}`;
        throw err;
      });
      const key = Object.keys(customMetadata)[0];
      assert.ok(JSON.stringify(e.error).includes(key), `the error names ${key}: ${JSON.stringify(e.error)}`);
    }
    assert.deepEqual(await ik.assets.list({ path: folder }), [], 'nothing stored');
  });

  test('files.update customMetadata: merge, null unsets a key, invalid → 400 "Invalid custom metadata." nothing changed', async () => {
    const t = token();
    const f = await makeFields(t);
    const up = await upload(ik, newFolder(), 'u.png');
    const a = await ik.files.update(up.fileId, { customMetadata: { [f.txt]: 'first' } });
    assert.deepEqual(mine(a.customMetadata, t), { [f.txt]: 'first' });
    const b = await ik.files.update(up.fileId, { customMetadata: { [f.num]: 2 } });
    assert.deepEqual(mine(b.customMetadata, t), { [f.txt]: 'first', [f.num]: 2 }, 'merge');
    const c = await ik.files.update(up.fileId, { customMetadata: { [f.txt]: null, [f.many]: ['green'] } });
    assert.deepEqual(mine(c.customMetadata, t), { [f.num]: 2, [f.many]: ['green'] }, 'null unsets');
    const e = await expectApiError(
      ik.files.update(up.fileId, { customMetadata: { [f.num]: 50, [f.txt]: 'ok' } }),
      BadRequestError,
      400,
      'Invalid custom metadata.',
    );
    assert.equal(typeof e.error.errors, 'object');
    assert.ok(JSON.stringify(e.error.errors).includes(f.num), JSON.stringify(e.error.errors));
    await expectApiError(ik.files.update(up.fileId, { customMetadata: { [`${t}nosuch`]: 1 } }), BadRequestError, 400);
    assert.deepEqual(mine((await ik.files.get(up.fileId)).customMetadata, t), { [f.num]: 2, [f.many]: ['green'] }, 'nothing changed');
  });

  test('re-upload: overwriteCustomMetadata false keeps values, default true drops them', async () => {
    const t = token();
    const f = await makeFields(t);
    const folder = newFolder();
    const first = await upload(ik, folder, 'o.png', makePng(), { customMetadata: { [f.txt]: 'kept' } });
    await upload(ik, folder, 'o.png', makePng(), { overwriteCustomMetadata: false });
    assert.deepEqual(mine((await ik.files.get(first.fileId)).customMetadata, t), { [f.txt]: 'kept' });
    await upload(ik, folder, 'o.png', makePng());
    assert.deepEqual(mine((await ik.files.get(first.fileId)).customMetadata, t), {});
    await upload(ik, folder, 'o.png', makePng(), { customMetadata: { [f.num]: 3 } });
    assert.deepEqual(mine((await ik.files.get(first.fileId)).customMetadata, t), { [f.num]: 3 });
  });

  test('search on every custom metadata type', async () => {
    const t = token();
    const f = await makeFields(t);
    const folder = newFolder();
    // values set with files.update (upload's customMetadata has its own tests above)
    const a = await upload(ik, folder, `${t}-a.png`);
    await ik.files.update(a.fileId, {
      customMetadata: { [f.txt]: 'alpha', [f.num]: 2, [f.date]: '2021-06-01T00:00:00.000Z', [f.bool]: true, [f.one]: 'small', [f.many]: ['red', 'green'] },
    });
    const b = await upload(ik, folder, `${t}-b.png`);
    await ik.files.update(b.fileId, {
      customMetadata: { [f.txt]: 'beta', [f.num]: 4.5, [f.date]: '2025-06-01T00:00:00.000Z', [f.bool]: false, [f.one]: 3, [f.many]: ['blue'] },
    });
    await upload(ik, folder, `${t}-c.png`);
    const q = async (s) => names((await ik.assets.list({ searchQuery: s })).filter((x) => x.type === 'file'));
    const A = `${t}-a.png`;
    const B = `${t}-b.png`;
    const C = `${t}-c.png`;
    assert.deepEqual(await q(`"customMetadata.${f.txt}" = "alpha"`), [A]);
    assert.deepEqual(await q(`"customMetadata.${f.txt}" : "be"`), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.txt}" IN ["alpha", "beta"]`), [A, B]);
    // a file without the field may or may not match NOT =; only the files that have it are checked
    assert.deepEqual((await q(`name : "${t}" AND "customMetadata.${f.txt}" NOT = "alpha"`)).filter((x) => x !== C), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.num}" > 3`), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.num}" <= 2`), [A]);
    assert.deepEqual(await q(`"customMetadata.${f.num}" IN [2, 4.5]`), [A, B]);
    assert.deepEqual(await q(`"customMetadata.${f.date}" < "2023-01-01"`), [A]);
    assert.deepEqual(await q(`"customMetadata.${f.date}" > "2023-01-01"`), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.bool}" = true`), [A]);
    assert.deepEqual(await q(`"customMetadata.${f.bool}" = false`), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.one}" = "small"`), [A]);
    assert.deepEqual(await q(`"customMetadata.${f.one}" = 3`), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.many}" IN ["green"]`), [A]);
    assert.deepEqual(await q(`"customMetadata.${f.many}" IN ["green", "blue"]`), [A, B]);
    assert.deepEqual(await q(`name : "${t}" AND "customMetadata.${f.many}" NOT IN ["red"]`).then((r) => r.filter((x) => x !== C)), [B]);
    assert.deepEqual(await q(`"customMetadata.${f.num}" > 3 OR "customMetadata.${f.txt}" = "alpha"`), [A, B]);
  });

  test('search on an unknown custom metadata field → 400 or no match, never an error 5xx', async () => {
    const t = token();
    let r;
    try {
      r = await ik.assets.list({ searchQuery: `"customMetadata.${t}nosuch" = "x"` });
    } catch (e) {
      assert.ok(e instanceof BadRequestError, `${e?.constructor?.name}: ${e?.message}`);
      return;
    }
    assert.deepEqual(r, []);
  });

  test('upload a non-image with customMetadata', async () => {
    const t = token();
    const name = `${t}txt`;
    await ik.customMetadataFields.create({ name, label: `${t} T`, schema: { type: 'Text' } });
    const folder = newFolder();
    const up = await ik.files.upload({
      file: await toFile(Buffer.from('plain'), 'n.txt'),
      fileName: 'n.txt',
      folder,
      useUniqueFileName: false,
      customMetadata: { [name]: 'doc' },
    });
    assert.deepEqual(mine((await ik.files.get(up.fileId)).customMetadata, t), { [name]: 'doc' });
  });
});
