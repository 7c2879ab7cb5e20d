// Headless Chromium from Debian (/usr/bin/chromium), driven by playwright-core. Playwright's
// own browser downloads cannot work here, so the executable is always given explicitly.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// Flags known to work as root on these machines. The background-networking ones matter:
// without them Chromium keeps dialling Google's hosts, which the closed network refuses.
// Playwright adds --headless and a fresh temporary --user-data-dir itself on every launch()
// (and removes that profile on close), so every browser starts with an empty profile.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launch headless Chromium; resolves to a playwright `Browser`. Close it with
 * `await browser.close()`. `args` are added to CHROMIUM_ARGS; other options go to
 * `chromium.launch` (e.g. `{ headless: false }` under Xvfb to watch a test).
 */
export async function launchBrowser({ args = [], ...options } = {}) {
  if (!existsSync(CHROMIUM_BIN)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_BIN}: install Debian's package (apt-get install chromium) or set CHROMIUM_BIN`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    ...options,
  });
}

/**
 * Record what a page reports that a test would otherwise never see: uncaught exceptions,
 * console errors and failed requests. `describe()` gives them as text for assertion messages.
 */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`));
  return {
    problems,
    describe: () => (problems.length ? `page reported:\n  ${problems.join('\n  ')}` : 'page reported nothing'),
  };
}
