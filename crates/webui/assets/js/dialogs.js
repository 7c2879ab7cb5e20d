// Modal dialogs on the native <dialog> element: it traps focus, closes on Escape and
// gives focus back to the button that opened it.

import { h } from './dom.js';

function open(dialog, initialFocus) {
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
  if (initialFocus) initialFocus.focus();
}

/** Asks a yes/no question; resolves true when confirmed. */
export function confirmDialog({ title, message, confirm = 'OK', danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    const ok = h('button', { type: 'submit', value: 'ok', class: danger ? 'danger' : 'primary' }, confirm);
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'dialog-title' }, title),
      h('p', {}, message),
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'submit', value: 'cancel' }, 'Cancel'), ok));
    dialog.append(form);
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'));
    open(dialog, ok);
  });
}

/** Asks for one line of text; resolves to it, or null when cancelled. */
export function promptDialog({ title, label, value = '', confirm = 'OK', hint }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    const input = h('input', { id: 'dialog-input', name: 'value', value, required: true, autocomplete: 'off' });
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'dialog-title' }, title),
      h('label', { for: 'dialog-input' }, label),
      input,
      hint ? h('p', { class: 'hint' }, hint) : null,
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'),
        h('button', { type: 'submit', value: 'ok', class: 'primary' }, confirm)));
    dialog.append(form);
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? input.value.trim() : null));
    open(dialog, input);
    input.select();
  });
}

/** A list of actions; resolves to the chosen action's id, or null. */
export function menuDialog({ title, actions }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog menu', 'aria-labelledby': 'dialog-title' });
    const buttons = actions.map((a) =>
      h('button', { type: 'submit', value: a.id, class: a.danger ? 'danger' : '' }, a.label));
    dialog.append(h('form', { method: 'dialog' },
      h('h2', { id: 'dialog-title' }, title),
      h('div', { class: 'menu-actions' }, buttons),
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'submit', value: '' }, 'Close'))));
    dialog.addEventListener('close', () => resolve(dialog.returnValue || null));
    open(dialog, buttons[0]);
  });
}
