// The web media library's organising screens in headless Chromium against the real binary:
// folders (create, rename, delete), files (rename, move, copy), drag-and-drop upload, the
// list view, paging of a big folder, an upload refused with a clear error, and purge.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { basicAuth, launchBrowser, makePng, newFolder, startHalftone } from './lib/index.mjs';
import { paintScene, withExif } from './scenes.mjs';
import { assertNoPageErrors, openFolder, openUi, signInOk } from './ui-helpers.mjs';

let halftone;
let browser;

before(async () => {
  halftone = await startHalftone({ env: { HALFTONE_MAX_UPLOAD_SIZE: '200KB' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await halftone?.stop();
});

async function api(method, path, body) {
  const res = await fetch(`${halftone.baseUrl}${path}`, {
    method,
    headers: { authorization: basicAuth(halftone.privateKey), 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function uploadApi(name, folder, bytes = makePng(8, 6)) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  form.append('fileName', name);
  form.append('folder', folder);
  form.append('useUniqueFileName', 'false');
  const res = await fetch(`${halftone.baseUrl}/api/v1/files/upload`, {
    method: 'POST', headers: { authorization: basicAuth(halftone.privateKey) }, body: form,
  });
  assert.equal(res.status, 200, await res.text());
}

async function names(path) {
  const { body } = await api('GET', `/v1/files?path=${encodeURIComponent(path)}&type=all&sort=ASC_NAME`);
  return body.map((item) => item.name);
}

async function signedIn(t) {
  const ui = await openUi(browser, halftone);
  t.after(() => ui.context.close());
  await signInOk(ui.page, halftone);
  return ui;
}

/** Answers the open prompt dialog with `value`. */
async function answerPrompt(page, value) {
  const dialog = page.locator('dialog[open]');
  await dialog.locator('input').fill(value);
  await dialog.locator('button.primary').click();
  await dialog.waitFor({ state: 'detached' });
}

async function itemAction(page, name, action) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.locator('dialog[open]').getByRole('button', { name: action }).click();
}

test('folders and files: create, rename, move, copy and delete through dialogs', async (t) => {
  const root = newFolder();
  await uploadApi('photo.png', root);
  const { page, seen } = await signedIn(t);
  await openFolder(page, root);

  await page.getByRole('button', { name: 'New folder' }).click();
  await answerPrompt(page, 'alpha');
  await page.locator('.item[data-name="alpha"]').waitFor();
  assert.deepEqual(await names(`${root}/`), ['alpha', 'photo.png']);

  await itemAction(page, 'alpha', 'Rename…');
  await answerPrompt(page, 'beta');
  await page.locator('.item[data-name="beta"]').waitFor();
  assert.deepEqual(await names(`${root}/`), ['beta', 'photo.png']);

  await itemAction(page, 'photo.png', 'Copy…');
  await answerPrompt(page, `${root}/beta/`);
  await page.locator('.toast', { hasText: 'Copied photo.png' }).waitFor();
  assert.deepEqual(await names(`${root}/beta/`), ['photo.png']);

  await itemAction(page, 'photo.png', 'Rename…');
  await answerPrompt(page, 'renamed.png');
  await page.locator('.item[data-name="renamed.png"]').waitFor();

  await itemAction(page, 'renamed.png', 'Move…');
  await answerPrompt(page, `${root}/beta`);
  await page.locator('.item[data-name="renamed.png"]').waitFor({ state: 'detached' });
  assert.deepEqual(await names(`${root}/beta/`), ['photo.png', 'renamed.png']);

  // Into the folder by its card, back out by the breadcrumbs.
  await page.click('.item[data-name="beta"] a.item-link');
  await page.locator('.crumbs [aria-current="page"]', { hasText: 'beta' }).waitFor();
  await page.locator('.item[data-name="renamed.png"]').waitFor();
  await page.click(`.crumbs a:has-text("${root.slice(1)}")`);
  await page.locator('.item[data-name="beta"]').waitFor();

  await itemAction(page, 'beta', 'Delete…');
  await page.locator('dialog[open]', { hasText: 'everything in it will be deleted' }).getByRole('button', { name: 'Delete' }).click();
  await page.locator('.item[data-name="beta"]').waitFor({ state: 'detached' });
  assert.deepEqual(await names(`${root}/`), []);
  assertNoPageErrors(seen);
});

test('folders are copied and moved through dialogs, with their contents', async (t) => {
  const root = newFolder();
  await uploadApi('inside.png', `${root}/src`);
  await uploadApi('keep.png', `${root}/copies`);
  await uploadApi('keep.png', `${root}/moved`);
  const { page, seen } = await signedIn(t);
  await openFolder(page, root);

  await itemAction(page, 'src', 'Copy…');
  await answerPrompt(page, `${root}/copies/`);
  await page.locator('.toast', { hasText: 'Copied folder src' }).waitFor();
  assert.deepEqual(await names(`${root}/copies/`), ['keep.png', 'src']);
  assert.deepEqual(await names(`${root}/copies/src/`), ['inside.png']);
  assert.deepEqual(await names(`${root}/`), ['copies', 'moved', 'src'], 'the source stays');

  await itemAction(page, 'src', 'Move…');
  await answerPrompt(page, `${root}/moved/`);
  await page.locator('.toast', { hasText: 'Moved folder src' }).waitFor();
  await page.locator('.item[data-name="src"]').waitFor({ state: 'detached' });
  assert.deepEqual(await names(`${root}/moved/src/`), ['inside.png']);
  assert.deepEqual(await names(`${root}/`), ['copies', 'moved'], 'the source is gone');
  assertNoPageErrors(seen);
});

test('drag and drop uploads into the open folder; a file over the limit is refused clearly', async (t) => {
  const root = newFolder();
  const { page, seen } = await signedIn(t);
  await openFolder(page, root);
  const drop = (files) => page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'image/png' }));
    const target = document.querySelector('.browse');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, files.map((f) => ({ name: f.name, bytes: [...f.bytes] })));

  await drop([
    { name: 'dropped.png', bytes: makePng(20, 10) },
    { name: 'huge.png', bytes: makePng(300, 300, { noise: true }) },
  ]);
  await page.locator('.upload', { hasText: 'dropped.png' }).locator('.upload-status', { hasText: /^Done/ }).waitFor();
  const refused = page.locator('.upload.failed', { hasText: 'huge.png' });
  await refused.waitFor();
  assert.match(await refused.locator('.upload-status').textContent(), /Too large: 2\d\d\.\d KB; this server takes up to 195\.3 KB\./);
  await page.locator('.item[data-name="dropped.png"]').waitFor();
  assert.deepEqual(await names(`${root}/`), ['dropped.png']);
  assertNoPageErrors(seen);
});

test('a big folder is paged; the list view shows the same items', async (t) => {
  const root = newFolder();
  const all = Array.from({ length: 50 }, (_, i) => `f${String(i).padStart(2, '0')}.png`);
  for (const name of all) await uploadApi(name, root);
  const { page, seen } = await signedIn(t);
  await openFolder(page, root);
  const shown = () => page.locator('.item').evaluateAll((els) => els.map((e) => e.dataset.name));
  assert.deepEqual(await shown(), all.slice(0, 48));
  await page.click('a:has-text("Next")');
  await page.locator('.pager', { hasText: 'Page 2' }).waitFor();
  await page.locator('.items[aria-busy="false"] .item').first().waitFor();
  assert.deepEqual(await shown(), all.slice(48));
  assert.equal(await page.locator('.pager a:has-text("Next")').count(), 0);

  await page.getByRole('button', { name: 'List' }).click();
  const rows = await page.locator('.list-table tbody tr').evaluateAll((els) => els.map((e) => e.dataset.name));
  assert.deepEqual(rows, all.slice(48));
  await page.click('a:has-text("Previous")');
  await page.locator('.list-table tbody tr[data-name="f00.png"]').waitFor();
  assert.equal(await page.locator('.list-table tbody tr').count(), 48);
  assertNoPageErrors(seen);
});

test('purge from the details screen sends the URL to purge', async (t) => {
  const root = newFolder();
  await uploadApi('cached.png', root);
  const { page, seen } = await signedIn(t);
  await openFolder(page, root);
  await page.click('.item[data-name="cached.png"] a.item-link');
  await page.locator('#file-title', { hasText: 'cached.png' }).waitFor();
  await page.getByRole('button', { name: 'Purge cache…' }).click();
  const input = page.locator('dialog[open] input');
  assert.equal(await input.inputValue(), `${halftone.urlEndpoint}${root}/cached.png`);
  await answerPrompt(page, `${halftone.urlEndpoint}${root}/cached.png*`);
  const toast = await page.locator('.toast', { hasText: 'Purge requested' }).textContent();
  const requestId = /\((.+)\)/.exec(toast)[1];
  const status = await api('GET', `/v1/files/purge/${requestId}`);
  assert.equal(status.status, 200, JSON.stringify(status.body));
  assertNoPageErrors(seen);
});

test('versions can be restored from the details screen; Copy URL puts the URL on the clipboard', async (t) => {
  const root = newFolder();
  await uploadApi('versioned.png', root, makePng(10, 10));
  await uploadApi('versioned.png', root, makePng(30, 20));
  const { context, page, seen } = await signedIn(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: halftone.origin });
  await openFolder(page, root);
  await page.click('.item[data-name="versioned.png"] a.item-link');
  await page.locator('#file-title', { hasText: 'versioned.png' }).waitFor();
  await page.locator('.hint', { hasText: '30×20' }).waitFor();
  const versions = page.locator('#versions-title + table tbody tr');
  await versions.nth(1).waitFor();
  assert.equal(await versions.count(), 2);

  await page.getByRole('button', { name: 'Copy URL' }).click();
  await page.locator('.toast', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${halftone.urlEndpoint}${root}/versioned.png`);

  await page.locator('#versions-title + table').getByRole('button', { name: 'Restore' }).click();
  await page.locator('dialog[open]').getByRole('button', { name: 'Restore' }).click();
  await page.locator('.toast', { hasText: 'Version restored' }).waitFor();
  await page.locator('.hint', { hasText: '10×10' }).waitFor();
  const { body } = await api('GET', `/v1/files?path=${encodeURIComponent(`${root}/`)}`);
  assert.equal(body[0].width, 10);
  assertNoPageErrors(seen);
});

test('on a phone every screen fits the width (no sideways scrolling)', async (t) => {
  const root = newFolder();
  const name = 'a-rather-long-file-name-to-wrap-on-small-screens.png';
  await uploadApi(name, root, makePng(200, 150));
  const ui = await openUi(browser, halftone, { viewport: { width: 360, height: 740 } });
  t.after(() => ui.context.close());
  const { page, seen } = ui;
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await fits(), 'sign-in');
  await signInOk(page, halftone);
  await openFolder(page, root);
  assert.ok(await fits(), 'library');
  await page.click(`.item[data-name="${name}"] a.item-link`);
  await page.locator('#versions-title + table').waitFor();
  assert.ok(await fits(), 'details');
  await page.click('a:has-text("Open in playground")');
  await page.locator('#result-size', { hasText: '200 × 150 px' }).waitFor();
  assert.ok(await fits(), 'playground');
  await page.click('a:has-text("Choose another image")');
  await page.locator(`a.item-link:has-text("${name}")`).waitFor();
  assert.ok(await fits(), 'playground chooser');
  assertNoPageErrors(seen);
});

test('details show the EXIF groups that /v1/files/:id/metadata reports', async (t) => {
  const root = newFolder();
  const { page, seen } = await signedIn(t);
  const jpeg = withExif(await paintScene(page, 'alpine', 240, 160), { make: 'ExifMaker', taken: '2023:01:02 03:04:05' });
  await uploadApi('camera.jpg', root, jpeg);
  await openFolder(page, root);
  await page.click('.item[data-name="camera.jpg"] a.item-link');
  const image = page.locator('details', { hasText: 'EXIF: image' });
  await image.locator('summary').click();
  await image.locator('dd', { hasText: 'ExifMaker' }).waitFor();
  const exif = page.locator('details', { hasText: 'EXIF: exif' });
  await exif.locator('summary').click();
  await exif.locator('dd', { hasText: '2023:01:02 03:04:05' }).waitFor();
  assertNoPageErrors(seen);
});

test('the keyboard alone signs in, opens an item menu and closes it with Escape', async (t) => {
  const root = newFolder();
  await uploadApi('keys.png', root);
  const ui = await openUi(browser, halftone);
  t.after(() => ui.context.close());
  const { page, seen } = ui;
  // Autofocus lands once the page has painted, which a loaded machine may delay.
  await page
    .waitForFunction(() => document.activeElement && document.activeElement.id === 'private-key', null, { timeout: 10000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'private-key', 'the key field has focus');
  await page.keyboard.type(halftone.privateKey);
  await page.keyboard.press('Enter');
  await page.locator('#topbar').waitFor({ state: 'visible' });
  await openFolder(page, root);
  const actions = page.getByRole('button', { name: 'Actions for keys.png' });
  await actions.focus();
  await page.keyboard.press('Enter');
  const menu = page.locator('dialog[open]');
  await menu.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Details', 'focus moves into the dialog');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Actions for keys.png', 'focus comes back');
  assertNoPageErrors(seen);
});
