import {newClientMsgId} from '../client-msg-id.js';
import {byId, el, show} from '../dom.js';
import {wordsFor} from '../errors.js';

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;

/**
 * "New poll" (the composer's Poll button, for those allowed `send_messages`): a question, 2–10 options, single or
 * multiple choice, anonymous or not, and when it closes; posted to the open room with `chat.send {poll}`, as `/poll`
 * does from the message box.
 */
export class PollDialog {
  constructor({store, connection, permissions}) {
    this.store = store;
    this.connection = connection;
    this.dialog = byId('poll-dialog');
    this.form = byId('poll-form');
    this.list = byId('poll-option-list');
    this.error = byId('poll-error');
    const button = byId('new-poll');
    const follow = () => show(button, permissions.has('send_messages'));
    permissions.addEventListener('change', follow);
    follow();
    button.addEventListener('click', () => this.open());
    byId('poll-cancel').addEventListener('click', () => this.dialog.close());
    byId('poll-add-option').addEventListener('click', () => this.addOption(true));
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
  }

  open() {
    this.form.reset();
    this.list.replaceChildren();
    for (let i = 0; i < MIN_OPTIONS; i++) {
      this.addOption(false);
    }
    this.showError('');
    this.dialog.showModal();
    byId('poll-question').focus();
  }

  addOption(focus) {
    if (this.list.children.length >= MAX_OPTIONS) {
      return;
    }
    const number = this.list.children.length + 1;
    const input = el('input', {className: 'poll-option-input', maxLength: 100, autocomplete: 'off',
      'aria-label': `Option ${number}`});
    const item = el('li', {}, el('div', {}, input, el('button', {type: 'button', className: 'icon-button',
      'aria-label': `Remove option ${number}`, title: 'Remove this option',
      onclick: () => this.list.children.length > MIN_OPTIONS && item.remove()}, '×')));
    this.list.append(item);
    byId('poll-add-option').disabled = this.list.children.length >= MAX_OPTIONS;
    if (focus) {
      input.focus();
    }
  }

  async submit() {
    const options = [...this.list.querySelectorAll('input')].map(input => input.value.trim()).filter(Boolean);
    const minutes = Number(byId('poll-closes').value);
    const poll = {
      question: byId('poll-question').value.trim(), options,
      multiple: byId('poll-multiple').checked, anonymous: byId('poll-anonymous').checked,
      ...(minutes ? {closesAt: new Date(Date.now() + minutes * 60000).toISOString()} : {}),
    };
    if (!poll.question || options.length < MIN_OPTIONS) {
      this.showError('Write a question and at least two options.');
      return;
    }
    const roomId = this.store.currentRoomId;
    const submit = byId('poll-submit');
    submit.disabled = true;
    try {
      const {message} = await this.connection.request('chat.send', {roomId, clientMsgId: newClientMsgId(), poll});
      this.store.addMessages(roomId, [message], {fresh: true});
      this.dialog.close();
    } catch (error) {
      this.showError(wordsFor(error));
    } finally {
      submit.disabled = false;
    }
  }

  showError(text) {
    this.error.textContent = text;
    show(this.error, Boolean(text));
  }
}
