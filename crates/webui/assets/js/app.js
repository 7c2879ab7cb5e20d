// Start-up and the hash router: #/browse/<folder>/?q=…, #/file/<id>, #/playground/<id>.
// Each screen renders into <main> from the route alone, so links and the back button work.

import { session, signOut } from './api.js';
import { toast } from './dom.js';
import { renderSignIn } from './signin.js';
import { renderBrowse } from './browse.js';
import { renderDetails } from './details.js';
import { renderPlayground } from './playground.js';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
const ctx = { session: null, main };

export function parseRoute(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/browse/';
  const [path, query = ''] = raw.split('?');
  const [, section = 'browse', ...rest] = path.split('/');
  return { section, rest: rest.map(decodeURIComponent), params: new URLSearchParams(query) };
}

async function render() {
  if (!ctx.session) {
    topbar.hidden = true;
    renderSignIn(main, start);
    return;
  }
  topbar.hidden = false;
  const route = parseRoute();
  for (const link of topbar.querySelectorAll('[data-section]')) {
    if (link.dataset.section === route.section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    if (route.section === 'file') await renderDetails(ctx, route.rest[0]);
    else if (route.section === 'playground') await renderPlayground(ctx, route.rest[0]);
    else await renderBrowse(ctx, route);
  } catch (e) {
    if (e.status !== 401) toast(e.message, 'error');
  }
}

async function start() {
  try {
    ctx.session = await session();
  } catch (e) {
    toast(e.message, 'error');
  }
  await render();
}

window.addEventListener('hashchange', () => {
  render();
  main.focus({ preventScroll: true });
});
window.addEventListener('halftone:signed-out', () => {
  if (!ctx.session) return;
  ctx.session = null;
  toast('Your session has ended; sign in again.', 'error');
  render();
});
document.getElementById('sign-out').addEventListener('click', async () => {
  try { await signOut(); } catch (e) { toast(e.message, 'error'); }
  ctx.session = null;
  history.replaceState(null, '', '#/browse/');
  render();
});

start();
