// Shared steps of the web media library tests and the screenshot script: open /ui in a
// fresh browser context, sign in through the form, upload through the file picker.
import assert from 'node:assert/strict';
import { watchPage } from './lib/index.mjs';

/** A new context (empty cookie jar) and page at `<server>/ui`. */
export async function openUi(browser, server, { viewport = { width: 1280, height: 860 }, hash = '' } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const seen = watchPage(page);
  await page.goto(`${server.baseUrl}/ui${hash}`);
  return { context, page, seen };
}

export async function signIn(page, key) {
  await page.fill('#private-key', key);
  await page.click('button:has-text("Sign in")');
}

/** Signs in with the right key and waits for the library. */
export async function signInOk(page, server) {
  await signIn(page, server.privateKey);
  await page.locator('#topbar').waitFor({ state: 'visible' });
  await page.locator('.items[aria-busy="false"]').waitFor();
}

/** The library hash of a folder such as `/t-…`. */
export function folderHash(folder) {
  return `#/browse/${folder.replace(/^\/+|\/+$/g, '')}/`;
}

/** Opens a folder and waits until its listing is drawn. */
export async function openFolder(page, folder) {
  await page.evaluate((hash) => { location.hash = hash; }, folderHash(folder));
  await page.locator('.items[aria-busy="false"]').waitFor();
}

/**
 * Uploads files through the picker and waits until every row has ended. Resolves to the
 * status texts each row showed on its way (recorded as they change).
 */
export async function uploadThroughPicker(page, files) {
  await page.evaluate(() => {
    window.uploadStatuses = [];
    const list = document.querySelector('.uploads');
    new MutationObserver(() => {
      for (const row of list.querySelectorAll('.upload')) {
        const name = row.querySelector('.upload-name').textContent;
        const status = row.querySelector('.upload-status').textContent;
        const bar = row.querySelector('progress').value;
        window.uploadStatuses.push({ name, status, bar });
      }
    }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.locator('input[type=file]').setInputFiles(files);
  for (const f of files) {
    const row = page.locator('.upload', { hasText: f.name });
    await row.locator('.upload-status', { hasText: /^(Done|Failed)/ }).waitFor();
  }
  return page.evaluate(() => window.uploadStatuses);
}

export function assertNoPageErrors(seen) {
  const bad = seen.problems.filter((p) => !p.startsWith('console.error: Failed to load resource'));
  assert.deepEqual(bad, [], seen.describe());
}
