import {el} from '../dom.js';
import {wordsFor} from '../errors.js';

let dialogs = 0;

/**
 * Small modal questions on <dialog>: a text, a choice, or a yes. `submit(answer)` does the work; while it fails the
 * dialog stays open and says why, so the person can correct it. Each answers a promise: true once `submit`
 * succeeded, false when cancelled (Cancel or Escape).
 */
export function askText({title, label, value = '', maxLength = 64, confirmLabel = 'Save', submit}) {
  const input = el('input', {value, maxLength, autocomplete: 'off', required: true});
  return ask({title, confirmLabel, submit, field: input, read: () => input.value.trim(),
    content: [labelled(label, input)]});
}

export function askChoice({title, label, options, value, confirmLabel = 'Save', submit}) {
  const select = el('select', {}, ...options.map(option =>
    el('option', {value: option.value, selected: option.value === value}, option.label)));
  return ask({title, confirmLabel, submit, field: select, read: () => select.value, content: [labelled(label, select)]});
}

export function askConfirm({title, text, confirmLabel, submit}) {
  return ask({title, confirmLabel, submit, danger: true, read: () => true, content: [el('p', {className: 'ask-text'}, text)]});
}

function labelled(text, field) {
  field.id = `ask-field-${dialogs}`;
  return [el('label', {htmlFor: field.id}, text), field];
}

function ask({title, content, field, read, confirmLabel, danger = false, submit}) {
  const titleId = `ask-title-${++dialogs}`;
  const error = el('p', {className: 'form-error', role: 'alert', hidden: true});
  const confirm = el('button', {type: 'submit', className: `button ${danger ? 'danger' : 'primary'}`}, confirmLabel);
  const cancel = el('button', {type: 'button', className: 'button subtle'}, 'Cancel');
  const form = el('form', {noValidate: true}, el('h2', {id: titleId}, title), content, error,
    el('div', {className: 'dialog-actions'}, cancel, confirm));
  const dialog = el('dialog', {className: 'dialog ask-dialog', 'aria-labelledby': titleId}, form);
  return new Promise(resolve => {
    let done = false;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(done);
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      confirm.disabled = true;
      try {
        await submit(read());
        done = true;
        dialog.close();
      } catch (failure) {
        error.textContent = wordsFor(failure);
        error.hidden = false;
        (field || confirm).focus();
      } finally {
        confirm.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    (field || cancel).focus();
  });
}
