// The web media library (/ui) in headless Chromium against the real binary: sign-in (a
// wrong key refused, the key never kept in the page), uploads with progress, search,
// details and tags, the playground's rendered size, deletion behind a confirmation,
// sign-out. Screenshots of each screen go to tests/browser/.screenshots/ for a look after
// a run (the README's come from screenshots.mjs).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { basicAuth, launchBrowser, makePng, newFolder, saveScreenshot, startHalftone } from './lib/index.mjs';
import { assertNoPageErrors, openFolder, openUi, signIn, signInOk, uploadThroughPicker } from './ui-helpers.mjs';

let halftone;
let browser;

before(async () => {
  halftone = await startHalftone();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await halftone?.stop();
});

async function apiGet(path) {
  const res = await fetch(`${halftone.baseUrl}${path}`, { headers: { authorization: basicAuth(halftone.privateKey) } });
  return { status: res.status, body: await res.json() };
}

function word() {
  return randomBytes(4).toString('hex');
}

test('the media library: sign in, upload, search, details, playground, delete, sign out', async (t) => {
  const { context, page, seen } = await openUi(browser, halftone);
  t.after(() => context.close());
  const folder = newFolder();
  const tag = word();
  const sunset = `sunset${tag}.png`;
  const harbour = `harbour${tag}.png`;

  await step('a wrong key is refused with a clear error', async () => {
    await signIn(page, 'private_not_the_key');
    await page.locator('#sign-in-error', { hasText: 'not this server' }).waitFor();
    assert.equal(await page.locator('#topbar').isVisible(), false);
    assert.deepEqual(await context.cookies(), []);
    await saveScreenshot(page, 'ui-sign-in');
  });

  await step('the right key signs in; the page keeps only an HttpOnly cookie', async () => {
    await signInOk(page, halftone);
    const cookies = await context.cookies();
    assert.equal(cookies.length, 1, JSON.stringify(cookies));
    assert.equal(cookies[0].httpOnly, true);
    assert.equal(cookies[0].sameSite, 'Strict');
    assert.equal(cookies[0].path, '/ui');
    assert.ok(!cookies[0].value.includes(halftone.privateKey));
    const stored = await page.evaluate(() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].join(' '));
    assert.ok(!stored.includes(halftone.privateKey), stored);
    assert.equal(await page.locator('#private-key').count(), 0, 'the key field is gone');
  });

  await step('two files uploaded through the picker, each with its progress bar', async () => {
    await openFolder(page, folder);
    const big = makePng(900, 700, { noise: true });
    const statuses = await uploadThroughPicker(page, [
      { name: sunset, mimeType: 'image/png', buffer: makePng(640, 480) },
      { name: harbour, mimeType: 'image/png', buffer: big },
    ]);
    for (const name of [sunset, harbour]) {
      const row = page.locator('.upload', { hasText: name });
      assert.match(await row.locator('.upload-status').textContent(), /^Done/);
      assert.equal(await row.locator('progress').evaluate((p) => p.value), 100);
    }
    // Progress events moved the bar before the answer came (a percentage or "Processing…").
    const during = statuses.filter((s) => s.name === harbour && /%$|Processing/.test(s.status));
    assert.ok(during.length > 0, JSON.stringify(statuses));
    await page.locator(`.item[data-name="${harbour}"]`).waitFor();
    await page.locator(`.item[data-name="${sunset}"] img`).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('.item img')].every((i) => i.complete && i.naturalWidth > 0));
    await saveScreenshot(page, 'ui-upload-done');
  });

  await step('plain-text search finds one of them', async () => {
    await page.fill('#search-input', `sunset${tag}`);
    await page.click('form[role=search] button[type=submit]');
    await page.locator(`.item[data-name="${sunset}"]`).waitFor();
    await page.locator('.items[aria-busy="false"]').waitFor();
    assert.deepEqual(await page.locator('.item').evaluateAll((els) => els.map((e) => e.dataset.name)), [sunset]);
  });

  await step('the searchQuery language works too', async () => {
    await page.selectOption('#search-mode', 'query');
    await page.fill('#search-input', `name = "${harbour}"`);
    await page.click('form[role=search] button[type=submit]');
    await page.locator(`.item[data-name="${harbour}"]`).waitFor();
    assert.deepEqual(await page.locator('.item').evaluateAll((els) => els.map((e) => e.dataset.name)), [harbour]);
    await page.selectOption('#search-mode', 'text');
    await page.fill('#search-input', `sunset${tag}`);
    await page.click('form[role=search] button[type=submit]');
    await page.locator(`.item[data-name="${sunset}"]`).waitFor();
  });

  let fileId;
  await step('details show the fields, metadata and versions; tags can be edited', async () => {
    await page.click(`.item[data-name="${sunset}"] a.item-link`);
    await page.locator('#file-title', { hasText: sunset }).waitFor();
    fileId = decodeURIComponent(page.url().split('#/file/')[1]);
    const fields = await page.locator('.fields').first().textContent();
    assert.ok(fields.includes(fileId) && fields.includes(`${folder}/${sunset}`), fields);
    await page.locator('#meta-title + dl', { hasText: 'width' }).waitFor();
    await page.locator('#versions-title + table', { hasText: 'Version 1' }).waitFor();
    await page.fill('#tags-input', 'beach, evening');
    await page.click('button:has-text("Save tags")');
    await page.locator('.toast', { hasText: 'Tags saved' }).waitFor();
    const { body } = await apiGet(`/v1/files/${fileId}/details`);
    assert.deepEqual(body.tags, ['beach', 'evening']);
    await page.locator('img.preview').evaluate((img) => img.decode());
    await saveScreenshot(page, 'ui-details', { fullPage: true });
  });

  await step('the playground renders a transformation at the size asked for', async () => {
    await page.click('a:has-text("Open in playground")');
    await page.locator('#result-size', { hasText: '640 × 480 px' }).waitFor();
    await page.fill('#width', '120');
    await page.fill('#height', '80');
    await page.selectOption('#crop', 'force');
    await page.check('#grayscale');
    await page.locator('#result-size', { hasText: '120 × 80 px' }).waitFor();
    const size = await page.locator('#result-image').evaluate((img) => [img.naturalWidth, img.naturalHeight]);
    assert.deepEqual(size, [120, 80]);
    const url = await page.inputValue('#result-url');
    assert.equal(url, `${halftone.urlEndpoint}/tr:w-120,h-80,c-force,e-grayscale${folder}/${sunset}`);
    const delivered = await fetch(url);
    assert.equal(delivered.status, 200);
    await saveScreenshot(page, 'ui-playground');
  });

  await step('delete asks first: Escape keeps the file, Delete removes it', async () => {
    await openFolder(page, folder);
    const actions = page.getByRole('button', { name: `Actions for ${harbour}` });
    await actions.click();
    await page.click('dialog button:has-text("Delete…")');
    await page.locator('dialog', { hasText: `Delete ${harbour}?` }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dialog').waitFor({ state: 'detached' });
    assert.equal((await apiGet(`/v1/files?path=${folder}`)).body.length, 2);

    await actions.click();
    await page.click('dialog button:has-text("Delete…")');
    await page.locator('dialog', { hasText: `Delete ${harbour}?` }).locator('button:has-text("Delete")').click();
    await page.locator('.toast', { hasText: `Deleted ${harbour}` }).waitFor();
    await page.locator(`.item[data-name="${harbour}"]`).waitFor({ state: 'detached' });
    await page.locator(`.item[data-name="${sunset}"]`).waitFor();
    const left = (await apiGet(`/v1/files?path=${folder}`)).body.map((f) => f.name);
    assert.deepEqual(left, [sunset]);
  });

  await step('sign-out clears the cookie and the page can no longer call the API', async () => {
    await page.click('#sign-out');
    await page.locator('#private-key').waitFor();
    const cookies = (await context.cookies()).filter((c) => c.value);
    assert.deepEqual(cookies, []);
    const status = await page.evaluate(async () => (await fetch('/ui/api/v1/files', { headers: { 'X-Halftone-UI': '1' } })).status);
    assert.equal(status, 401);
  });

  assertNoPageErrors(seen);
});

test('the playground signs URLs of private files on the server', async (t) => {
  const folder = newFolder();
  const form = new FormData();
  form.append('file', new Blob([makePng(300, 200)]), 'secret.png');
  form.append('fileName', 'secret.png');
  form.append('folder', folder);
  form.append('isPrivateFile', 'true');
  form.append('useUniqueFileName', 'false');
  const res = await fetch(`${halftone.baseUrl}/api/v1/files/upload`, {
    method: 'POST', headers: { authorization: basicAuth(halftone.privateKey) }, body: form,
  });
  const file = await res.json();
  assert.equal(res.status, 200, JSON.stringify(file));

  const { context, page, seen } = await openUi(browser, halftone);
  t.after(() => context.close());
  await signInOk(page, halftone);
  await page.evaluate((id) => { location.hash = `#/playground/${id}`; }, file.fileId);
  await page.locator('#result-size', { hasText: '300 × 200 px' }).waitFor();
  assert.equal(await page.locator('#signed').isChecked(), true);
  assert.equal(await page.locator('#signed').isDisabled(), true);
  await page.fill('#width', '150');
  await page.locator('#result-size', { hasText: '150 × 100 px' }).waitFor();
  const url = await page.inputValue('#result-url');
  assert.match(url, /\/tr:w-150\/.*secret\.png\?ik-t=\d+&ik-s=[0-9a-f]{40}$/);
  assert.equal((await fetch(url)).status, 200);
  assert.equal((await fetch(url.replace(/\?.*/, ''))).status, 401, 'unsigned stays refused');
  // The grid's thumbnail is the named n-ik_ml_thumbnail, which delivery serves unsigned.
  await page.evaluate((f) => { location.hash = `#/browse${f}/`; }, folder);
  await page.locator('.item[data-name="secret.png"] img').waitFor();
  await page.waitForFunction(() => document.querySelector('.item img').naturalWidth > 0);
  assertNoPageErrors(seen);
});

test('the media library pages carry a strict Content-Security-Policy', async () => {
  const res = await fetch(`${halftone.baseUrl}/ui`);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const js = await fetch(`${halftone.baseUrl}/ui/static/js/app.js`);
  assert.match(js.headers.get('content-type'), /javascript/);
  const again = await fetch(`${halftone.baseUrl}/ui/static/js/app.js`, { headers: { 'if-none-match': js.headers.get('etag') } });
  assert.equal(again.status, 304);
});

/** A named step: failures say which part of the walk-through broke. */
async function step(name, body) {
  try {
    const t0 = Date.now();
    await body();
    if (process.env.UI_TRACE) console.log(`${Date.now() - t0} ms: ${name}`);
  } catch (e) {
    e.message = `${name}: ${e.message}`;
    throw e;
  }
}
