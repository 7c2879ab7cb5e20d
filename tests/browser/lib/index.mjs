// The browser-test library in one import: `import { startHalftone, launchBrowser, … } from './lib/index.mjs'`.
export { startHalftone, newFolder, basicAuth, HALFTONE_BIN } from './halftone.mjs';
export { launchBrowser, watchPage, CHROMIUM_BIN, CHROMIUM_ARGS } from './browser.mjs';
export { startStaticServer } from './static-server.mjs';
export { saveScreenshot, DEFAULT_SCREENSHOT_DIR } from './screenshots.mjs';
export { makePng } from './images.mjs';
export { repoRoot, suiteDir } from './paths.mjs';
