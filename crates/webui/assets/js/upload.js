// Uploads with one progress bar per file, three at a time, and the server's error message
// on the file that failed.

import { upload } from './api.js';
import { bytes, h } from './dom.js';

const PARALLEL = 3;

/** Starts uploading `files` into `folder`; rows go into `list`; resolves when all end. */
export async function uploadFiles(files, folder, list, maxBytes) {
  list.hidden = false;
  const jobs = [...files].map((file) => ({ file, row: row(file) }));
  list.prepend(...jobs.map((j) => j.row.el));
  let next = 0;
  let stored = 0;
  async function worker() {
    while (next < jobs.length) {
      const { file, row: r } = jobs[next++];
      if (maxBytes && file.size > maxBytes) {
        r.fail(`Too large: ${bytes(file.size)}; this server takes up to ${bytes(maxBytes)}.`);
        continue;
      }
      try {
        const result = await upload(file, folder, (f) => r.progress(f));
        r.done(result);
        stored++;
      } catch (e) {
        r.fail(e.message);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
  return stored;
}

function row(file) {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': `Upload of ${file.name}` });
  const status = h('span', { class: 'upload-status' }, 'Waiting…');
  const el = h('li', { class: 'upload' },
    h('span', { class: 'upload-name' }, file.name), h('span', { class: 'upload-size' }, bytes(file.size)), bar, status);
  return {
    el,
    progress(fraction) {
      bar.value = Math.round(fraction * 100);
      status.textContent = fraction < 1 ? `${Math.round(fraction * 100)}%` : 'Processing…';
    },
    done(result) {
      bar.value = 100;
      el.classList.add('ok');
      status.replaceChildren('Done \u2014 ', h('a', { href: `#/file/${encodeURIComponent(result.fileId)}` }, 'details'));
    },
    fail(message) {
      el.classList.add('failed');
      status.textContent = `Failed: ${message}`;
      status.setAttribute('role', 'alert');
    },
  };
}
