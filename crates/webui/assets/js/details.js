// One file: preview, every field of the File object, tags editing, custom metadata, the
// image metadata and EXIF (GET /v1/files/:id/metadata), versions, and its actions.

import { api } from './api.js';
import * as act from './actions.js';
import { confirmDialog } from './dialogs.js';
import { bytes, copyText, date, h, replace, toast } from './dom.js';
import { browseHash } from './browse.js';
import { deliveryUrl, maybeSigned } from './transform.js';

export async function renderDetails(ctx, fileId) {
  const id = encodeURIComponent(fileId);
  const file = await api('GET', `/v1/files/${id}/details`);
  const folder = act.parentOf(file.filePath);
  const metadata = h('section', { class: 'card', 'aria-labelledby': 'meta-title' }, h('h2', { id: 'meta-title' }, 'Image metadata'), h('p', { class: 'hint' }, 'Loading…'));
  const versions = h('section', { class: 'card', 'aria-labelledby': 'versions-title' }, h('h2', { id: 'versions-title' }, 'Versions'), h('p', { class: 'hint' }, 'Loading…'));
  const reload = () => renderDetails(ctx, fileId);
  const after = (done) => async () => { if (await done()) reload(); };

  const preview = file.fileType === 'image'
    ? h('img', { class: 'preview', alt: `Preview of ${file.name}`, src: await maybeSigned(deliveryUrl(ctx.session.urlEndpoint, file.filePath, 'w-800,h-800,c-at_max'), file.isPrivateFile) })
    : h('div', { class: 'preview placeholder' }, file.mime);

  const page = h('div', { class: 'details' },
    h('nav', { 'aria-label': 'Breadcrumbs' }, h('ol', { class: 'crumbs' },
      h('li', {}, h('a', { href: browseHash('/') }, 'Library')),
      folder !== '/' ? h('li', {}, h('a', { href: browseHash(folder) }, folder)) : null,
      h('li', {}, h('span', { 'aria-current': 'page' }, file.name)))),
    h('div', { class: 'details-head' },
      h('div', { class: 'preview-box' }, preview),
      h('div', { class: 'details-side' },
        h('h1', { id: 'file-title' }, file.name),
        h('p', { class: 'hint' }, `${file.mime} \u00b7 ${bytes(file.size)}${file.width ? ` \u00b7 ${file.width}\u00d7${file.height}` : ''}${file.isPrivateFile ? ' \u00b7 private' : ''}`),
        h('div', { class: 'button-row' },
          file.fileType === 'image' ? h('a', { class: 'button primary', href: `#/playground/${id}` }, 'Open in playground') : null,
          h('button', { type: 'button', onclick: () => copyText(file.url) }, 'Copy URL'),
          file.isPrivateFile ? h('button', { type: 'button', onclick: async () => copyText(await maybeSigned(file.url, true, 3600)) }, 'Copy signed URL (1 h)') : null,
          h('button', { type: 'button', onclick: after(() => act.renameFile(file)) }, 'Rename…'),
          h('button', { type: 'button', onclick: after(() => act.moveFile(file)) }, 'Move…'),
          h('button', { type: 'button', onclick: after(() => act.copyFile(file)) }, 'Copy…'),
          h('button', { type: 'button', onclick: () => act.purgeUrl(file.url) }, 'Purge cache…'),
          h('button', { type: 'button', class: 'danger', onclick: async () => {
            if (await act.deleteFile(file)) location.hash = browseHash(folder);
          } }, 'Delete…')),
        tagsEditor(file, reload))),
    h('div', { class: 'details-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'fields-title' }, h('h2', { id: 'fields-title' }, 'File'), fields(file)),
      h('section', { class: 'card', 'aria-labelledby': 'custom-title' }, h('h2', { id: 'custom-title' }, 'Custom metadata'),
        Object.keys(file.customMetadata || {}).length ? fields(file.customMetadata) : h('p', { class: 'hint' }, 'None.')),
      metadata,
      versions));
  replace(ctx.main, page);
  document.title = `${file.name} \u2014 Halftone`;

  api('GET', `/v1/files/${id}/metadata`).then(
    (m) => replace(metadata, h('h2', { id: 'meta-title' }, 'Image metadata'), metadataView(m)),
    (e) => replace(metadata, h('h2', { id: 'meta-title' }, 'Image metadata'), h('p', { class: 'hint' }, e.message)));
  api('GET', `/v1/files/${id}/versions`).then(
    (list) => replace(versions, h('h2', { id: 'versions-title' }, 'Versions'), versionsView(file, list, reload)),
    (e) => replace(versions, h('h2', { id: 'versions-title' }, 'Versions'), h('p', { class: 'hint' }, e.message)));
}

function tagsEditor(file, reload) {
  const input = h('input', { id: 'tags-input', value: (file.tags || []).join(', '), autocomplete: 'off' });
  return h('form', { class: 'tags', onsubmit: async (e) => {
    e.preventDefault();
    const tags = input.value.split(',').map((t) => t.trim()).filter(Boolean);
    try {
      await api('PATCH', `/v1/files/${encodeURIComponent(file.fileId)}/details`, { tags: tags.length ? tags : null });
      toast('Tags saved.');
      reload();
    } catch (err) {
      toast(err.message, 'error');
    }
  } },
  h('label', { for: 'tags-input' }, 'Tags (comma-separated)'),
  h('div', { class: 'inline' }, input, h('button', { type: 'submit' }, 'Save tags')));
}

function value(v) {
  if (v === null || v === undefined) return h('span', { class: 'hint' }, 'null');
  if (typeof v === 'object') {
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ') || h('span', { class: 'hint' }, '[]');
    return h('pre', {}, JSON.stringify(v, null, 2));
  }
  if (typeof v === 'string' && /^https?:\/\//.test(v)) return h('a', { href: v, target: '_blank', rel: 'noopener' }, v);
  return String(v);
}

function fields(obj) {
  return h('dl', { class: 'fields' }, Object.entries(obj).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, value(v))]));
}

function metadataView(m) {
  const { exif, ...basic } = m;
  const groups = Object.entries(exif || {}).filter(([, g]) => g && Object.keys(g).length);
  return [
    fields(basic),
    groups.length ? groups.map(([name, group]) => h('details', {}, h('summary', {}, `EXIF: ${name}`), fields(group))) : h('p', { class: 'hint' }, 'No EXIF data.'),
  ];
}

function versionsView(file, list, reload) {
  return h('table', { class: 'list-table' },
    h('thead', {}, h('tr', {}, ['Version', 'Created', 'Size', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((v) => {
      const current = v.versionInfo.id === file.versionInfo.id;
      const vid = encodeURIComponent(v.versionInfo.id);
      const base = `/v1/files/${encodeURIComponent(file.fileId)}/versions/${vid}`;
      return h('tr', {},
        h('td', {}, h('a', { href: v.url, target: '_blank', rel: 'noopener' }, v.versionInfo.name), current ? ' (current)' : ''),
        h('td', {}, date(v.createdAt)),
        h('td', {}, bytes(v.size)),
        h('td', {}, current ? '' : h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'small', onclick: async () => {
            if (!await confirmDialog({ title: `Restore ${v.versionInfo.name}?`, message: 'It becomes the current version.', confirm: 'Restore' })) return;
            try { await api('PUT', `${base}/restore`); toast('Version restored.'); reload(); } catch (e) { toast(e.message, 'error'); }
          } }, 'Restore'),
          h('button', { type: 'button', class: 'small danger', onclick: async () => {
            if (!await confirmDialog({ title: `Delete ${v.versionInfo.name}?`, message: 'This version is deleted for good.', confirm: 'Delete', danger: true })) return;
            try { await api('DELETE', base); toast('Version deleted.'); reload(); } catch (e) { toast(e.message, 'error'); }
          } }, 'Delete'))));
    })));
}
