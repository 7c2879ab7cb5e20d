// The transformation playground: settings on one side, the delivered image, its real
// size and the URL on the other. Private files get URLs signed by the server.

import { api } from './api.js';
import { copyText, h, replace } from './dom.js';
import { deliveryUrl, maybeSigned, thumbnailOf, transformation } from './transform.js';

const CROPS = [['', 'Default (maintain ratio)'], ['maintain_ratio', 'Maintain ratio, crop to fill'], ['force', 'Force (stretch)'],
  ['at_max', 'Fit inside (at_max)'], ['at_least', 'Cover (at_least)'], ['cm-pad_resize', 'Pad to size (pad_resize)'],
  ['cm-extract', 'Extract region'], ['cm-pad_extract', 'Extract with padding']];
const FOCUS = ['', 'center', 'top', 'bottom', 'left', 'right', 'top_left', 'top_right', 'bottom_left', 'bottom_right', 'auto', 'custom'];
const FORMATS = [['', 'Original'], ['auto', 'Auto (WebP when accepted)'], ['jpg', 'JPEG'], ['png', 'PNG'], ['webp', 'WebP'], ['avif', 'AVIF'], ['gif', 'GIF']];
const EXPIRIES = [[3600, '1 hour'], [86400, '1 day'], [604800, '7 days']];

export async function renderPlayground(ctx, fileId) {
  if (!fileId) return chooser(ctx);
  const file = await api('GET', `/v1/files/${encodeURIComponent(fileId)}/details`);
  document.title = `Playground: ${file.name} \u2014 Halftone`;

  const form = h('form', { class: 'card controls', 'aria-label': 'Transformation settings' });
  const padding = h('div', { class: 'field', hidden: true }, h('label', { for: 'background' }, 'Padding colour'),
    h('input', { id: 'background', name: 'background', type: 'color', value: '#ffffff' }));
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const number = (id, attrs = {}) => h('input', { id, name: id, type: 'number', inputmode: 'numeric', ...attrs });
  const select = (id, options) => h('select', { id, name: id }, options.map(([v, l]) => h('option', { value: v }, l)));
  const check = (id, label) => h('div', { class: 'check' }, h('input', { id, name: id, type: 'checkbox' }), h('label', { for: id }, label));

  form.append(
    h('fieldset', {}, h('legend', {}, 'Size and crop'),
      h('div', { class: 'pair' }, field('width', 'Width (px)', number('width', { min: 1, max: 8000 })), field('height', 'Height (px)', number('height', { min: 1, max: 8000 }))),
      field('crop', 'Crop', select('crop', CROPS)),
      field('focus', 'Focus', select('focus', FOCUS.map((f) => [f, f || 'Default (center)']))),
      padding),
    h('fieldset', {}, h('legend', {}, 'Output'),
      field('format', 'Format', select('format', FORMATS)),
      field('quality', 'Quality (1\u2013100, empty = default)', number('quality', { min: 1, max: 100 }))),
    h('fieldset', {}, h('legend', {}, 'Effects'),
      h('div', { class: 'pair' },
        field('rotate', 'Rotate', select('rotate', [['', 'None'], ['90', '90\u00b0'], ['180', '180\u00b0'], ['270', '270\u00b0']])),
        field('flip', 'Flip', select('flip', [['', 'None'], ['h', 'Horizontal'], ['v', 'Vertical'], ['h_v', 'Both']]))),
      h('div', { class: 'pair' },
        field('blur', 'Blur (1\u2013100)', number('blur', { min: 1, max: 100 })),
        field('radius', 'Corner radius (px or max)', h('input', { id: 'radius', name: 'radius', pattern: '\\d+|max', autocomplete: 'off' }))),
      check('grayscale', 'Grayscale'), check('sharpen', 'Sharpen'), check('contrast', 'Contrast stretch')),
    h('fieldset', {}, h('legend', {}, 'Access'),
      check('signed', file.isPrivateFile ? 'Signed URL (required: the file is private)' : 'Signed URL'),
      field('expires', 'Signature valid for', select('expires', EXPIRIES))));
  const signed = form.elements.namedItem('signed');
  if (file.isPrivateFile) { signed.checked = true; signed.disabled = true; }

  const image = h('img', { id: 'result-image', alt: `${file.name}, transformed` });
  const size = h('p', { id: 'result-size', class: 'hint', 'aria-live': 'polite' }, '');
  const urlBox = h('textarea', { id: 'result-url', readonly: true, rows: 3, 'aria-label': 'Generated URL' });
  const open = h('a', { class: 'button', target: '_blank', rel: 'noopener', href: '#' }, 'Open');
  const result = h('section', { class: 'card result', 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title' }, 'Result'),
    h('div', { class: 'result-image checker' }, image), size,
    h('label', { for: 'result-url' }, 'URL'), urlBox,
    h('div', { class: 'button-row' }, h('button', { type: 'button', onclick: () => copyText(urlBox.value) }, 'Copy URL'), open));

  image.addEventListener('load', () => {
    size.textContent = `${image.naturalWidth} \u00d7 ${image.naturalHeight} px`;
    size.classList.remove('error');
  });
  image.addEventListener('error', async () => {
    size.classList.add('error');
    size.textContent = await failure(image.src);
  });

  let timer;
  let generation = 0;
  async function update() {
    const s = Object.fromEntries(new FormData(form));
    for (const name of ['grayscale', 'sharpen', 'contrast']) s[name] = form.elements.namedItem(name).checked;
    const tr = transformation(s);
    const plain = deliveryUrl(ctx.session.urlEndpoint, file.filePath, tr);
    const mine = ++generation;
    try {
      const url = await maybeSigned(plain, signed.checked, Number(s.expires) || 3600);
      if (mine !== generation) return;
      urlBox.value = url;
      open.href = url;
      size.textContent = 'Rendering…';
      image.src = url;
    } catch (e) {
      size.textContent = e.message;
    }
  }
  form.addEventListener('input', () => {
    padding.hidden = form.elements.namedItem('crop').value !== 'cm-pad_resize';
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); update(); });

  replace(ctx.main, h('div', { class: 'playground' },
    h('div', { class: 'playground-head' },
      h('h1', {}, 'Playground: ', h('a', { href: `#/file/${encodeURIComponent(file.fileId)}` }, file.name)),
      h('a', { class: 'button quiet', href: '#/playground' }, 'Choose another image')),
    h('div', { class: 'playground-body' }, form, result)));
  update();
}

/** The delivery's JSON error for a URL that did not render. */
async function failure(url) {
  try {
    const response = await fetch(url);
    const body = await response.json();
    return `Not rendered (${response.status}): ${body.message}`;
  } catch {
    return 'The image could not be rendered.';
  }
}

async function chooser(ctx) {
  const list = await api('GET', '/v1/files?fileType=image&sort=DESC_CREATED&limit=48');
  replace(ctx.main, h('section', { class: 'playground', 'aria-labelledby': 'choose-title' },
    h('h1', { id: 'choose-title' }, 'Playground: choose an image'),
    list.length === 0
      ? h('p', { class: 'empty' }, 'No images yet. Upload some in the library first.')
      : h('ul', { class: 'grid-list' }, list.map((f) => h('li', {},
        h('a', { class: 'card item item-link', href: `#/playground/${encodeURIComponent(f.fileId)}` },
          h('span', { class: 'thumb' }, h('img', { src: thumbnailOf(f), alt: '', loading: 'lazy' })),
          h('span', { class: 'item-name' }, f.name)))))));
}
