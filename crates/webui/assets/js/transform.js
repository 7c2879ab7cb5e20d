// Delivery URLs: the transformation string from the playground's settings, URLs built on
// the URL endpoint, and signed copies for private files (signed by the server).

import { signUrls } from './api.js';

/** The path part of a delivery URL, each segment percent-encoded as the SDKs do. */
export function encodePath(filePath) {
  return filePath.split('/').map(encodeURIComponent).join('/');
}

export function deliveryUrl(urlEndpoint, filePath, tr) {
  const step = tr ? `/tr:${tr}` : '';
  return `${urlEndpoint}${step}${encodePath(filePath)}`;
}

/** `tr` parameters from the playground's settings, in a stable order. */
export function transformation(s) {
  const step = [];
  if (s.width) step.push(`w-${s.width}`);
  if (s.height) step.push(`h-${s.height}`);
  if (s.crop && s.crop.startsWith('cm-')) step.push(s.crop);
  else if (s.crop) step.push(`c-${s.crop}`);
  if (s.focus) step.push(`fo-${s.focus}`);
  if (s.background && s.crop === 'cm-pad_resize') step.push(`bg-${s.background.replace('#', '').toUpperCase()}`);
  if (s.format) step.push(`f-${s.format}`);
  if (s.quality) step.push(`q-${s.quality}`);
  if (s.rotate) step.push(`rt-${s.rotate}`);
  if (s.flip) step.push(`fl-${s.flip}`);
  if (s.blur) step.push(`bl-${s.blur}`);
  if (s.radius) step.push(`r-${s.radius}`);
  if (s.grayscale) step.push('e-grayscale');
  if (s.sharpen) step.push('e-sharpen');
  if (s.contrast) step.push('e-contrast');
  return step.join(',');
}

/**
 * The image to show for a file: its listed thumbnail. It names only `n-ik_ml_thumbnail`,
 * which delivery serves unsigned even for private files (spec 1.6), so nothing is signed.
 */
export function thumbnailOf(file) {
  return file.fileType === 'image' ? file.thumbnail : null;
}

export async function maybeSigned(url, sign, expiresIn) {
  if (!sign) return url;
  const [signed] = await signUrls([new URL(url).href], expiresIn);
  return signed;
}
