import {byId, el} from '../dom.js';
import {wordsFor} from '../errors.js';

const EMOJI = [
  ['', 'None'], ['📅', 'In a meeting'], ['🎯', 'Focusing'], ['☕', 'On a break'], ['🏠', 'Working from home'],
  ['🚌', 'Commuting'], ['🤒', 'Out sick'], ['🌴', 'Away'], ['💬', 'Chatty'],
];

/**
 * "Your status": Online (connections decide, idle included), Do not disturb or On vacation, a status text of up
 * to 100 characters and an optional emoji, sent with `presence.set`. Opens on what the server shows now; stays
 * open and says why while the server refuses.
 */
export class StatusDialog {
  constructor({store, presence}) {
    this.store = store;
    this.presence = presence;
    this.keptEmoji = '';
    this.dialog = byId('status-dialog');
    this.form = byId('status-form');
    this.text = byId('status-text');
    this.error = byId('status-error');
    this.submit = byId('status-submit');
    byId('status-emoji').replaceChildren(...EMOJI.map(([emoji, name]) => el('label', {className: 'status-emoji-option', title: name},
      el('input', {type: 'radio', name: 'status-emoji', value: emoji, 'aria-label': emoji ? `${emoji} ${name}` : name}),
      el('span', {'aria-hidden': 'true'}, emoji || 'None'))));
    byId('status-emoji').addEventListener('change', () => { this.keptEmoji = ''; });
    byId('status-cancel').addEventListener('click', () => this.dialog.close());
    byId('status-clear').addEventListener('click', () => this.choose({state: 'online', text: '', emoji: ''}));
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.save();
    });
  }

  open() {
    const mine = this.presence.of(this.store.me.id);
    const state = ['dnd', 'vacation'].includes(mine?.state) ? mine.state : 'online';
    this.choose({state, text: mine?.text ?? '', emoji: mine?.emoji ?? ''});
    this.error.hidden = true;
    this.dialog.showModal();
    this.form.querySelector('input[name="status-state"]:checked').focus();
  }

  choose({state, text, emoji}) {
    this.radio('status-state', state).checked = true;
    this.text.value = text;
    // An emoji chosen elsewhere (another app, a :shortcode:) that is not among ours shows as None, and is kept.
    (this.radio('status-emoji', emoji) ?? this.radio('status-emoji', '')).checked = true;
    this.keptEmoji = this.radio('status-emoji', emoji) ? '' : emoji;
  }

  radio(name, value) {
    return [...this.form.elements[name]].find(input => input.value === value);
  }

  async save() {
    const emoji = this.form.elements['status-emoji'].value || this.keptEmoji;
    this.submit.disabled = true;
    try {
      await this.presence.set({state: this.form.elements['status-state'].value, text: this.text.value.trim(), emoji});
      this.dialog.close();
    } catch (failure) {
      this.error.textContent = wordsFor(failure);
      this.error.hidden = false;
    } finally {
      this.submit.disabled = false;
    }
  }
}
