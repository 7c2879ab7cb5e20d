// The sign-in screen. The key goes to the server once; the answer is an HttpOnly cookie
// that page scripts cannot read, and the field is cleared.

import { signIn } from './api.js';
import { h, replace } from './dom.js';

export function renderSignIn(main, onSignedIn) {
  const input = h('input', {
    id: 'private-key', name: 'privateKey', type: 'password', required: true,
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'sign-in-help sign-in-error',
  });
  const error = h('p', { id: 'sign-in-error', class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, h('img', { src: '/ui/static/icon.svg', alt: '', width: 40, height: 40 }), ' Halftone media library'),
    h('label', { for: 'private-key' }, 'Private API key'),
    input,
    h('p', { id: 'sign-in-help', class: 'hint' },
      'The private key ', h('code', {}, 'halftone serve'), ' printed when it started (private_\u2026). It is checked once and stays on the server: this page keeps only a session cookie.'),
    error,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      await signIn(input.value);
      input.value = '';
      onSignedIn();
    } catch (e) {
      error.textContent = e.status === 403 ? 'That key is not this server\u2019s private key.' : e.message;
      input.select();
    } finally {
      button.disabled = false;
    }
  });
  replace(main, form);
  input.focus();
}
