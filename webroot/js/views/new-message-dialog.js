import {api} from '../api.js';
import {byId, el, show} from '../dom.js';
import {wordsFor} from '../errors.js';

const SHOWN_RESULTS = 30;

/**
 * "New message": find people (GET /api/users, filtered here as one types), pick one for a direct message or
 * several for a group with an optional name. Enter in the search box picks the first match; with nothing typed
 * it starts the conversation.
 */
export class NewMessageDialog {
  constructor(store, chat, {onOpenRoom}) {
    this.store = store;
    this.chat = chat;
    this.onOpenRoom = onOpenRoom;
    this.dialog = byId('new-message-dialog');
    this.form = byId('new-message-form');
    this.search = byId('new-message-search');
    this.results = byId('new-message-results');
    this.pickedList = byId('new-message-picked');
    this.nameRow = byId('new-message-name-row');
    this.name = byId('new-message-name');
    this.error = byId('new-message-error');
    this.submit = byId('new-message-submit');
    this.people = [];
    this.picked = new Map();
    byId('new-message-cancel').addEventListener('click', () => this.dialog.close());
    this.search.addEventListener('input', () => this.renderResults());
    this.search.addEventListener('keydown', event => {
      if (event.key === 'Enter' && this.search.value.trim()) {
        event.preventDefault();
        const first = this.matches()[0];
        if (first) {
          this.toggle(first);
          this.search.value = '';
          this.renderResults();
        }
      }
    });
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.start();
    });
  }

  async open() {
    this.form.reset();
    this.picked.clear();
    this.showError('');
    this.people = [];
    this.render();
    this.dialog.showModal();
    this.search.focus();
    try {
      const me = this.store.me;
      // Those with manage_users get the deactivated too; nobody can start a conversation with them.
      this.people = (await api.users()).filter(user => user.id !== me.id && !user.deactivated);
      this.renderResults();
    } catch (error) {
      this.showError(wordsFor(error));
    }
  }

  /** With a user given, opens that DM straight away (the user menu's "Message"). */
  async messageUser(userId) {
    const room = await this.chat.startDm(userId);
    this.onOpenRoom(room.id);
  }

  matches() {
    const query = this.search.value.trim().toLowerCase().replace(/^@/, '');
    return this.people.filter(user => !query || user.username.includes(query)
      || (user.displayName || '').toLowerCase().includes(query)).slice(0, SHOWN_RESULTS);
  }

  toggle(user) {
    if (this.picked.has(user.id)) {
      this.picked.delete(user.id);
    } else {
      this.picked.set(user.id, user);
    }
    this.render();
  }

  render() {
    this.renderPicked();
    this.renderResults();
    const count = this.picked.size;
    show(this.nameRow, count > 1);
    this.submit.disabled = count === 0;
    this.submit.textContent = count > 1 ? 'Start group' : 'Message';
  }

  renderPicked() {
    this.pickedList.replaceChildren(...[...this.picked.values()].map(user => el('li', {className: 'picked-chip'},
      el('span', {}, user.displayName || user.username),
      el('button', {type: 'button', className: 'icon-button', 'aria-label': `Remove ${user.displayName || user.username}`,
        onclick: () => this.toggle(user)}, '×'))));
  }

  renderResults() {
    this.results.replaceChildren(...this.matches().map(user => {
      const picked = this.picked.has(user.id);
      return el('li', {className: `browse-row people-row${picked ? ' is-picked' : ''}`, dataset: {userId: user.id}},
        el('div', {className: 'browse-info'},
          el('span', {className: 'browse-name'}, user.displayName || user.username),
          el('span', {className: 'browse-meta'}, `@${user.username}`)),
        el('button', {type: 'button', className: picked ? 'button subtle' : 'button', 'aria-pressed': String(picked),
          'aria-label': `${picked ? 'Unpick' : 'Pick'} ${user.displayName || user.username}`, onclick: () => this.toggle(user)},
        picked ? 'Picked' : 'Pick'));
    }));
  }

  async start() {
    const ids = [...this.picked.keys()];
    if (ids.length === 0) {
      return;
    }
    this.submit.disabled = true;
    try {
      const room = ids.length === 1
        ? await this.chat.startDm(ids[0])
        : await this.chat.startGroup(ids, this.name.value.trim());
      this.dialog.close();
      this.onOpenRoom(room.id);
    } catch (error) {
      this.showError(wordsFor(error));
    } finally {
      this.submit.disabled = this.picked.size === 0;
    }
  }

  showError(text) {
    this.error.textContent = text;
    show(this.error, Boolean(text));
  }
}
