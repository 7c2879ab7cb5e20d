// The library screen: breadcrumbs, search (plain text or searchQuery), grid and list
// views with paging, drag-and-drop and picker uploads, and per-item actions.

import { api } from './api.js';
import * as act from './actions.js';
import { menuDialog } from './dialogs.js';
import { bytes, copyText, date, h, replace, toast } from './dom.js';
import { thumbnailOf } from './transform.js';
import { uploadFiles } from './upload.js';

const PAGE = 48;
const SORTS = [['ASC_NAME', 'Name'], ['DESC_CREATED', 'Newest'], ['ASC_CREATED', 'Oldest'], ['DESC_SIZE', 'Largest']];

export function browseHash(folder, params = {}) {
  const path = act.folderPath(folder).split('/').filter(Boolean).map(encodeURIComponent).join('/');
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '' && v !== 0)).toString();
  return `#/browse/${path}${path ? '/' : ''}${query ? `?${query}` : ''}`;
}

/** The searchQuery for a search box: plain text means "name contains every word". */
export function searchQueryOf(q, mode) {
  if (!q) return '';
  return mode === 'query' ? q : `name HAS "${q.replace(/["\\]/g, ' ').trim()}"`;
}

export async function renderBrowse(ctx, route) {
  const folder = act.folderPath(route.rest.join('/'));
  const q = route.params.get('q') || '';
  const mode = route.params.get('mode') === 'query' ? 'query' : 'text';
  const sort = route.params.get('sort') || 'ASC_NAME';
  const skip = Math.max(0, Number(route.params.get('skip')) || 0);
  let view = localStorage.getItem('halftone.view') === 'list' ? 'list' : 'grid';
  const here = { q, mode, sort };

  const items = h('div', { class: `items ${view}`, 'aria-live': 'polite', 'aria-busy': 'true' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const uploads = h('ul', { class: 'uploads', hidden: true, 'aria-label': 'Uploads' });
  const picker = h('input', { type: 'file', multiple: true, class: 'offscreen', tabindex: '-1', 'aria-hidden': 'true' });
  const viewButtons = ['grid', 'list'].map((v) => h('button', {
    type: 'button', 'aria-pressed': String(v === view), dataset: { view: v },
    onclick: () => { view = v; localStorage.setItem('halftone.view', v); setView(); },
  }, v === 'grid' ? 'Grid' : 'List'));

  async function startUploads(files) {
    if (!files.length) return;
    const stored = await uploadFiles(files, folder, uploads, ctx.session.maxUploadBytes);
    if (stored) load();
  }
  picker.addEventListener('change', () => { startUploads([...picker.files]); picker.value = ''; });

  function setView() {
    items.className = `items ${view}`;
    for (const b of viewButtons) b.setAttribute('aria-pressed', String(b.dataset.view === view));
    draw();
  }

  let page = [];
  let more = false;
  async function load() {
    items.setAttribute('aria-busy', 'true');
    const params = new URLSearchParams({ sort, skip: String(skip), limit: String(PAGE + 1) });
    if (q) params.set('searchQuery', searchQueryOf(q, mode));
    else { params.set('path', folder); params.set('type', 'all'); }
    try {
      const answer = await api('GET', `/v1/files?${params}`);
      more = answer.length > PAGE;
      page = answer.slice(0, PAGE);
    } catch (e) {
      page = [];
      more = false;
      replace(items, h('p', { class: 'error', role: 'alert' }, e.message));
      items.setAttribute('aria-busy', 'false');
      return;
    }
    draw();
  }

  function draw() {
    items.setAttribute('aria-busy', 'false');
    if (page.length === 0) {
      replace(items, h('p', { class: 'empty' }, q ? 'Nothing matches this search.' : 'This folder is empty. Drop files here or use Upload.'));
    } else if (view === 'grid') {
      replace(items, h('ul', { class: 'grid-list' }, page.map((item) => h('li', {}, card(item)))));
    } else {
      replace(items, table(page));
    }
    const at = Math.floor(skip / PAGE) + 1;
    replace(pager,
      skip > 0 ? h('a', { class: 'button', href: browseHash(folder, { ...here, skip: Math.max(0, skip - PAGE) }) }, '\u2190 Previous') : null,
      (skip > 0 || more) ? h('span', {}, `Page ${at}`) : null,
      more ? h('a', { class: 'button', href: browseHash(folder, { ...here, skip: skip + PAGE }) }, 'Next \u2192') : null);
  }

  function link(item) {
    return item.type === 'folder'
      ? browseHash(item.folderPath)
      : `#/file/${encodeURIComponent(item.fileId)}`;
  }

  function card(item) {
    const src = item.type === 'folder' ? null : thumbnailOf(item);
    const label = item.type === 'folder' ? 'Folder' : (item.name.split('.').pop() || 'file').toUpperCase();
    const placeholder = h('span', { class: `placeholder ${item.type === 'folder' ? 'folder' : ''}`, 'aria-hidden': 'true' }, label);
    const media = src
      ? h('img', { src, alt: '', loading: 'lazy', decoding: 'async', onerror: (e) => e.target.replaceWith(placeholder) })
      : placeholder;
    return h('article', { class: 'card item', dataset: { name: item.name } },
      h('a', { class: 'item-link', href: link(item) },
        h('span', { class: 'thumb' }, media),
        h('span', { class: 'item-name' }, item.name)),
      h('div', { class: 'item-meta' },
        h('span', {}, item.type === 'folder' ? 'Folder' : meta(item)),
        actionsButton(item)));
  }

  function meta(file) {
    const dims = file.width ? `${file.width}\u00d7${file.height} \u00b7 ` : '';
    return `${dims}${bytes(file.size)}${file.isPrivateFile ? ' \u00b7 private' : ''}`;
  }

  function table(list) {
    return h('table', { class: 'list-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Size', 'Updated', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map((item) => h('tr', { dataset: { name: item.name } },
        h('td', {}, h('a', { href: link(item) }, item.type === 'folder' ? `\u{1F4C1} ${item.name}` : item.name),
          q && item.filePath ? h('div', { class: 'hint' }, item.filePath) : null),
        h('td', {}, item.type === 'folder' ? 'Folder' : item.mime),
        h('td', {}, item.type === 'folder' ? '' : bytes(item.size)),
        h('td', {}, date(item.updatedAt)),
        h('td', {}, actionsButton(item))))));
  }

  function actionsButton(item) {
    return h('button', { type: 'button', class: 'quiet small', 'aria-label': `Actions for ${item.name}`, onclick: () => itemMenu(item) }, 'Actions');
  }

  async function itemMenu(item) {
    const isFolder = item.type === 'folder';
    const actions = isFolder
      ? [['open', 'Open'], ['rename', 'Rename…'], ['move', 'Move…'], ['copy', 'Copy…'], ['delete', 'Delete…']]
      : [['open', 'Details'], ['play', 'Open in playground'], ['url', 'Copy URL'], ['rename', 'Rename…'], ['move', 'Move…'], ['copy', 'Copy…'], ['delete', 'Delete…']];
    const choice = await menuDialog({ title: item.name, actions: actions.map(([id, label]) => ({ id, label, danger: id === 'delete' })) });
    if (!choice) return;
    if (choice === 'open') { location.hash = link(item); return; }
    if (choice === 'play') { location.hash = `#/playground/${encodeURIComponent(item.fileId)}`; return; }
    if (choice === 'url') { copyText(item.url); return; }
    const run = isFolder
      ? { rename: act.renameFolder, move: act.moveFolder, copy: act.copyFolder, delete: act.deleteFolder }[choice]
      : { rename: act.renameFile, move: act.moveFile, copy: act.copyFile, delete: act.deleteFile }[choice];
    if (run && await run(item)) load();
  }

  const searchInput = h('input', { id: 'search-input', type: 'search', name: 'q', value: q, placeholder: mode === 'query' ? 'e.g. format = "png" AND width > 500' : 'Search by name' });
  const modeSelect = h('select', { id: 'search-mode', name: 'mode', 'aria-label': 'Kind of search' },
    h('option', { value: 'text', selected: mode === 'text' }, 'Name contains'),
    h('option', { value: 'query', selected: mode === 'query' }, 'searchQuery'));
  modeSelect.addEventListener('change', () => {
    searchInput.placeholder = modeSelect.value === 'query' ? 'e.g. format = "png" AND width > 500' : 'Search by name';
  });
  const sortSelect = h('select', { id: 'sort', 'aria-label': 'Sort by' },
    SORTS.map(([v, label]) => h('option', { value: v, selected: v === sort }, label)));
  sortSelect.addEventListener('change', () => { location.hash = browseHash(folder, { ...here, sort: sortSelect.value }); });
  const search = h('form', { role: 'search', class: 'search', onsubmit: (e) => {
    e.preventDefault();
    location.hash = browseHash(folder, { q: searchInput.value.trim(), mode: modeSelect.value, sort });
  } },
  h('label', { for: 'search-input', class: 'sr-only' }, 'Search'), searchInput, modeSelect,
  h('button', { type: 'submit' }, 'Search'),
  q ? h('a', { class: 'button quiet', href: browseHash(folder, { sort }) }, 'Clear') : null);

  const section = h('section', { class: 'browse', 'aria-labelledby': 'browse-title' },
    h('div', { class: 'browse-head' },
      crumbs(folder, q),
      search),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'primary', onclick: () => picker.click() }, 'Upload files'),
      picker,
      h('button', { type: 'button', onclick: async () => { if (await act.createFolder(folder)) load(); } }, 'New folder'),
      h('button', { type: 'button', onclick: () => act.purgeUrl(`${ctx.session.urlEndpoint}${folder}*`) }, 'Purge a URL…'),
      h('span', { class: 'spacer' }),
      h('label', { for: 'sort', class: 'sr-only' }, 'Sort by'), sortSelect,
      h('div', { role: 'group', 'aria-label': 'View', class: 'segmented' }, viewButtons)),
    h('p', { class: 'drop-hint', 'aria-hidden': 'true' }, `Drop files anywhere here to upload them to ${folder}`),
    uploads, items, pager);
  dropTarget(section, startUploads);
  replace(ctx.main, section);
  await load();
}

function crumbs(folder, q) {
  const parts = folder.split('/').filter(Boolean);
  const trail = [h('li', {}, h('a', { href: browseHash('/') }, 'Library'))];
  parts.forEach((name, i) => {
    const path = `/${parts.slice(0, i + 1).join('/')}/`;
    const last = i === parts.length - 1 && !q;
    trail.push(h('li', {}, h('a', { href: browseHash(path), 'aria-current': last ? 'page' : undefined }, name)));
  });
  if (q) trail.push(h('li', {}, h('span', { 'aria-current': 'page' }, 'Search results')));
  return h('nav', { 'aria-label': 'Breadcrumbs' }, h('h1', { id: 'browse-title', class: 'sr-only' }, 'Library'), h('ol', { class: 'crumbs' }, trail));
}

function dropTarget(el, onFiles) {
  let depth = 0;
  el.addEventListener('dragenter', (e) => { if (hasFiles(e)) { e.preventDefault(); depth++; el.classList.add('dragging'); } });
  el.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
  el.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) el.classList.remove('dragging'); });
  el.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    el.classList.remove('dragging');
    onFiles([...e.dataTransfer.files]);
  });
}

function hasFiles(e) {
  return e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}
