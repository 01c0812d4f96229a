import {el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {editing} from './message-parts.js';

const MAX_HEIGHT_PX = 240;

/**
 * Editing a message in place: its text in a box where the body was. Enter saves, Shift+Enter breaks the line,
 * Escape cancels; focus goes back to the message box after either. A row rebuilt while editing (a reaction
 * arrived) gets the editor again with the draft (see `editing` in message-parts.js).
 */
export class MessageEditor {
  /** `save(messageId, content)` answers a promise of the edit. */
  constructor({list, composerInput, save}) {
    this.list = list;
    this.composerInput = composerInput;
    this.save = save;
    editing.attach = (node, item) => this.attach(node, item, false);
  }

  start(node, item) {
    this.cancel(false);
    editing.id = item.id;
    editing.draft = item.content;
    this.attach(node, item, true);
  }

  attach(node, item, fresh) {
    const body = node.querySelector('.message-body');
    const input = el('textarea', {className: 'message-editor-input', rows: 1, maxLength: 8000, 'aria-label': 'Edit message'});
    input.value = editing.draft;
    const error = el('p', {className: 'form-error', role: 'alert', hidden: true});
    const cancel = el('button', {type: 'button', className: 'link-button'}, 'cancel');
    const saveButton = el('button', {type: 'submit', className: 'link-button'}, 'save');
    const form = el('form', {className: 'message-editor', noValidate: true}, input,
      el('p', {className: 'message-editor-hint'}, 'Enter to ', saveButton, ' · Escape to ', cancel), error);
    body.hidden = true;
    body.after(form);
    node.classList.add('is-editing');
    input.addEventListener('input', () => {
      editing.draft = input.value;
      fit(input);
    });
    input.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.cancel(true);
      }
    });
    cancel.addEventListener('click', () => this.cancel(true));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const content = input.value.replace(/^\s*\n/, '').trimEnd();
      if (!content) {
        error.textContent = 'A message needs some text; to remove it, delete it.';
        error.hidden = false;
        return;
      }
      if (content === item.content) {
        this.cancel(true);
        return;
      }
      try {
        await this.save(item.id, content);
        this.cancel(true);
      } catch (failure) {
        error.textContent = wordsFor(failure);
        error.hidden = false;
      }
    });
    // Rebuilt rows take the focus back only when nothing else has it (removing the old node dropped it).
    requestAnimationFrame(() => {
      if (fresh || document.activeElement === document.body || document.activeElement === null) {
        fit(input);
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      }
    });
  }

  get active() {
    return editing.id !== null;
  }

  cancel(refocus) {
    editing.id = null;
    editing.draft = '';
    for (const node of this.list.querySelectorAll('.message.is-editing')) {
      node.querySelector('.message-editor')?.remove();
      node.querySelector('.message-body').hidden = false;
      node.classList.remove('is-editing');
    }
    if (refocus) {
      this.composerInput.focus();
    }
  }
}

function fit(input) {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
}
