// The app side of a client-side upload, as an ImageKit customer writes it: ask the app's own
// backend (/auth, same origin) for token/expire/signature, then let @imagekit/javascript send
// the file straight to the upload API on another origin (Halftone's). The test drives the
// functions put on `window`.
import * as ik from '/sdk/imagekit.esm.js';

const params = new URLSearchParams(location.search);
const uploadOrigin = params.get('upload');
const publicKey = params.get('publicKey');

/** Every URL an upload request was opened with, for the test to check where uploads went. */
window.sentTo = [];

// @imagekit/javascript 5.x opens its XMLHttpRequest to the hard-coded
// https://upload.imagekit.io/api/v1/files/upload, and accepts a caller-made XMLHttpRequest
// as the `xhr` option. This one keeps the method and path the SDK chose and swaps only the
// origin for Halftone's; the form, progress events and answer handling stay the SDK's own.
class ToHalftone extends XMLHttpRequest {
  open(method, url, ...rest) {
    const from = new URL(url);
    const to = new URL(from.pathname + from.search, uploadOrigin).href;
    window.sentTo.push({ method, sdkUrl: url, url: to });
    return super.open(method, to, ...rest);
  }
}

async function authParams() {
  const res = await fetch('/auth', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/auth answered ${res.status}`);
  return res.json();
}

function describeError(err) {
  return {
    ok: false,
    name: err?.name,
    message: err?.message,
    invalidRequest: err instanceof ik.ImageKitInvalidRequestError,
    serverError: err instanceof ik.ImageKitServerError,
    networkError: err instanceof ik.ImageKitUploadNetworkError,
    statusCode: err?.$ResponseMetadata?.statusCode,
  };
}

/**
 * Upload `bytes` (an array of numbers) as `fileName` with the SDK. `auth` replaces the
 * backend's parameters (fields given override theirs); `options` are more upload options
 * (tags, folder, …); `progress` records onProgress events.
 * Resolves to `{ ok: true, result, auth, progress }` or `{ ok: false, …error, auth, progress }`.
 */
window.uploadFile = async ({ bytes, fileName, type = 'image/png', auth = {}, options = {}, progress = false }) => {
  const file = new File([new Uint8Array(bytes)], fileName, { type });
  const used = { ...(await authParams()), ...auth };
  const events = [];
  const uploadOptions = { file, fileName, publicKey, ...used, ...options, xhr: new ToHalftone() };
  if (progress) {
    uploadOptions.onProgress = (e) => events.push({ loaded: e.loaded, total: e.total, lengthComputable: e.lengthComputable });
  }
  try {
    const result = await ik.upload(uploadOptions);
    // The SDK hangs the HTTP status and headers on the result as a non-enumerable property.
    const copy = { ...JSON.parse(JSON.stringify(result)), $ResponseMetadata: result.$ResponseMetadata };
    return { ok: true, result: copy, auth: used, progress: events, fileSize: file.size };
  } catch (err) {
    return { ...describeError(err), auth: used, progress: events, fileSize: file.size };
  }
};

/** `ik.buildSrc(options)`, for the test to build delivery URLs with the SDK in the page. */
window.buildSrc = (options) => ik.buildSrc(options);

/** Show `src` in a new <img>; resolves to its natural size once it loaded, or to the failure. */
window.renderImage = (src) =>
  new Promise((resolve) => {
    const img = new Image();
    img.alt = src;
    img.onload = () => resolve({ ok: true, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight });
    img.onerror = () => resolve({ ok: false });
    img.src = src;
    document.getElementById('images').append(img);
  });

/** A management API call from this page, as another site's script would try it. */
window.tryManagementApi = async (url, authorization) => {
  try {
    const res = await fetch(url, { headers: { Authorization: authorization } });
    return { ok: true, status: res.status, body: await res.text() };
  } catch (err) {
    return { ok: false, name: err.name, message: err.message };
  }
};

window.pageReady = true;
