#!/usr/bin/env node
// Makes the README's screenshots of the web media library (docs/screenshots/*.png): starts
// the real binary with a small library of painted pictures, then photographs the sign-in,
// the grid, an upload in progress, a file's details, the playground and the phone layout.
//   node tests/browser/screenshots.mjs        (HALFTONE_BIN, CHROMIUM_BIN as for run.sh)
import { basicAuth, launchBrowser, saveScreenshot, startHalftone } from './lib/index.mjs';
import { paintScene, sceneNames, withExif } from './scenes.mjs';
import { folderHash, openFolder, openUi, signInOk } from './ui-helpers.mjs';

const DIR = 'docs/screenshots';

async function api(server, method, path, body) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: basicAuth(server.privateKey), 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function upload(server, bytes, fileName, folder, extra = {}) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), fileName);
  form.append('fileName', fileName);
  form.append('folder', folder);
  form.append('useUniqueFileName', 'false');
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  const res = await fetch(`${server.baseUrl}/api/v1/files/upload`, {
    method: 'POST', headers: { authorization: basicAuth(server.privateKey) }, body: form,
  });
  if (!res.ok) throw new Error(`upload ${fileName}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function quiet(page) {
  await page.evaluate(() => { document.getElementById('toasts').replaceChildren(); document.activeElement?.blur(); });
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
}

const server = await startHalftone();
const browser = await launchBrowser();
try {
  const painter = await browser.newPage();
  const pictures = {};
  for (const name of sceneNames) pictures[name] = withExif(await paintScene(painter, name));
  await painter.close();

  await api(server, 'POST', '/v1/customMetadataFields', { name: 'photographer', label: 'Photographer', schema: { type: 'Text' } });
  for (const folder of ['campaigns', 'products', 'team']) {
    await api(server, 'POST', '/v1/folder', { folderName: folder, parentFolderPath: '/' });
  }
  let featured;
  for (const [i, name] of sceneNames.entries()) {
    const file = await upload(server, pictures[name], `${name}.jpg`, '/', {
      tags: i % 2 ? 'landscape' : 'landscape,featured',
      customMetadata: JSON.stringify({ photographer: 'A. Canvas' }),
    });
    if (name === 'sunset') featured = file;
  }
  await upload(server, pictures.dusk, 'banner.jpg', '/campaigns');

  // Sign-in, with the key typed (shown masked).
  const { context, page } = await openUi(browser, server);
  await page.locator('#private-key').fill(server.privateKey);
  await saveScreenshot(page, 'sign-in', { dir: DIR });
  await page.locator('#private-key').fill('');
  await signInOk(page, server);
  await quiet(page);
  await saveScreenshot(page, 'library-grid', { dir: DIR });

  // An upload in progress: the upload bandwidth is throttled so the bars are caught mid-way.
  await openFolder(page, '/campaigns');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
  const big = (name) => ({ name: `${name}-large.jpg`, mimeType: 'image/jpeg' });
  const files = [];
  for (const name of ['alpine', 'ocean', 'meadow']) files.push({ ...big(name), buffer: await (async () => {
    const p = await browser.newPage();
    const bytes = await paintScene(p, name, 3000, 2000);
    await p.close();
    return bytes;
  })() });
  await page.locator('input[type=file]').setInputFiles(files);
  await page.waitForFunction(() => [...document.querySelectorAll('.upload progress')].some((p) => p.value >= 25 && p.value < 90));
  await saveScreenshot(page, 'upload-progress', { dir: DIR });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  for (const f of files) await page.locator('.upload', { hasText: f.name }).locator('.upload-status', { hasText: /^Done/ }).waitFor();
  await page.locator('.item[data-name="ocean-large.jpg"] img').waitFor();
  await quiet(page);

  // Details of one picture.
  await page.evaluate((id) => { location.hash = `#/file/${id}`; }, featured.fileId);
  await page.locator('#meta-title + dl').waitFor();
  await page.locator('#versions-title + table').waitFor();
  await page.locator('details summary', { hasText: 'EXIF: image' }).click();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await quiet(page);
  await saveScreenshot(page, 'details', { dir: DIR });
  await page.setViewportSize({ width: 1280, height: 860 });

  // The playground with a few settings.
  await page.click('a:has-text("Open in playground")');
  await page.locator('#result-size', { hasText: 'px' }).waitFor();
  await page.fill('#width', '480');
  await page.fill('#height', '360');
  await page.selectOption('#focus', 'bottom');
  await page.fill('#radius', '24');
  await page.selectOption('#format', 'webp');
  await page.locator('#result-size', { hasText: '480 × 360 px' }).waitFor();
  await quiet(page);
  await saveScreenshot(page, 'playground', { dir: DIR });
  await context.close();

  // The phone layout.
  const phone = await openUi(browser, server, { viewport: { width: 390, height: 844 }, hash: folderHash('/') });
  await signInOk(phone.page, server);
  await quiet(phone.page);
  await saveScreenshot(phone.page, 'phone-library', { dir: DIR });
  await phone.context.close();
  console.log(`screenshots written to ${DIR}/`);
} finally {
  await browser.close();
  await server.stop();
}
