// Calls to the server. The management and upload API is reached through /ui/api, where
// the session cookie stands for the private key; every call carries X-Halftone-UI, which
// the server requires as a CSRF defence.

const UI = { 'X-Halftone-UI': '1' };

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The server answered ${status}.`);
    this.status = status;
    this.body = body;
  }
}

async function request(method, url, body) {
  const headers = { ...UI };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, { message: 'The server could not be reached.' });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (response.status === 401 && url !== '/ui/session') window.dispatchEvent(new Event('halftone:signed-out'));
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A management API call: `path` as on the public API, e.g. `/v1/files?limit=10`. */
export function api(method, path, body) {
  return request(method, `/ui/api${path}`, body);
}

export async function session() {
  try {
    return await request('GET', '/ui/session');
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export const signIn = (privateKey) => request('POST', '/ui/session', { privateKey });
export const signOut = () => request('DELETE', '/ui/session');

/** Signed copies of delivery URLs (the key stays on the server). */
export async function signUrls(urls, expiresIn) {
  if (urls.length === 0) return [];
  const answer = await request('POST', '/ui/sign', { urls, expiresIn });
  return answer.urls;
}

/** Waits for a bulk job (folder copy, move, rename) to finish. */
export async function waitForJob(jobId) {
  for (let i = 0; i < 120; i++) {
    const job = await api('GET', `/v1/bulkJobs/${encodeURIComponent(jobId)}`);
    if (job.status === 'Completed') return job;
    await new Promise((r) => setTimeout(r, 250 + i * 50));
  }
  throw new ApiError(0, { message: 'The job is still running; refresh later.' });
}

/**
 * Uploads one file with XMLHttpRequest, which reports upload progress (fetch does not).
 * `onProgress(fraction)` is called as bytes leave the browser.
 */
export function upload(file, folder, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file);
    form.append('fileName', file.name);
    form.append('folder', folder);
    form.append('useUniqueFileName', 'false');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/ui/api/api/v1/files/upload');
    xhr.setRequestHeader('X-Halftone-UI', '1');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = { message: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { message: 'The upload was interrupted.' })));
    xhr.send(form);
  });
}
