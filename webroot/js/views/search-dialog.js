import {api} from '../api.js';
import {byId, el, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {roomGlyph, roomTitle} from '../room-names.js';
import {icon} from './icons.js';
import {searchResult} from './search-results.js';

const PAGE_SIZE = 20;
const ROOMS_SHOWN = 6;
const GONE = 'That message is no longer there.';

/**
 * The search box (Ctrl+K, or the header's magnifier), which is also the room switcher: as one types, the rooms
 * whose name matches are offered at the top, then "Search messages for …". Enter runs the highlighted entry: the
 * message search, unless the arrow keys picked a room (with the box empty, the first room is picked). The results,
 * newest first, page on with More; one clicked opens its room at that message (see message-jump.js).
 */
export class SearchDialog {
  constructor({store, jump, notices, onOpenRoom}) {
    this.store = store;
    this.jump = jump;
    this.notices = notices;
    this.onOpenRoom = onOpenRoom;
    this.dialog = byId('search-dialog');
    this.input = byId('search-input');
    this.suggestions = byId('search-suggestions');
    this.status = byId('search-status');
    this.results = byId('search-results');
    this.moreButton = byId('search-more');
    this.options = [];
    this.active = 0;
    this.searched = null;
    this.cursor = null;
    this.searches = 0;
    byId('search-close').addEventListener('click', () => this.dialog.close());
    byId('search-form').addEventListener('submit', event => {
      event.preventDefault();
      this.choose(this.options[this.active]);
    });
    this.input.addEventListener('input', () => this.suggest());
    this.input.addEventListener('keydown', event => this.onKey(event));
    this.suggestions.addEventListener('click', event => {
      const option = event.target.closest('[role=option]');
      if (option) {
        this.choose(this.options[Number(option.dataset.index)]);
      }
    });
    this.results.addEventListener('click', event => {
      const button = event.target.closest('button.search-result-button');
      if (button) {
        this.dialog.close();
        this.jump.toSeq(button.dataset.roomId, Number(button.dataset.seq))
          .then(shown => shown || this.notices.show(GONE), error => this.notices.show(wordsFor(error)));
      }
    });
    this.moreButton.addEventListener('click', () => this.search(this.searched, this.cursor));
  }

  open() {
    if (!this.dialog.open) {
      this.dialog.showModal();
      this.suggest();
    }
    this.input.focus();
    this.input.select();
  }

  /** The rooms matching what is typed, then the message search for it; hidden while it is what the results show. */
  suggest() {
    const text = this.input.value.trim();
    const name = text.replace(/^[#@&]/, '').toLowerCase();
    const rooms = this.store.roomList()
      .filter(state => roomTitle(state.room, this.store.me).toLowerCase().includes(name))
      .slice(0, ROOMS_SHOWN)
      .map(state => ({room: state.room}));
    this.options = text ? [...rooms, {query: text}] : rooms;
    this.active = text ? rooms.length : 0;
    const hidden = this.options.length === 0 || (text !== '' && text === this.searched);
    this.suggestions.replaceChildren(...this.options.map((option, index) => this.optionNode(option, index)));
    show(this.suggestions, !hidden);
    this.input.setAttribute('aria-expanded', String(!hidden));
    this.highlight();
  }

  optionNode(option, index) {
    const id = `search-option-${index}`;
    const content = option.room
      ? [el('span', {className: 'search-option-glyph', 'aria-hidden': 'true'}, roomGlyph(option.room)),
        roomTitle(option.room, this.store.me)]
      : [el('span', {className: 'search-option-glyph'}, icon('search')), `Search messages for “${option.query}”`];
    return el('li', {id, role: 'option', className: option.room ? 'search-option' : 'search-option is-search',
      dataset: {index: String(index)}}, content);
  }

  highlight() {
    [...this.suggestions.children].forEach((node, index) => {
      node.classList.toggle('is-active', index === this.active);
      node.setAttribute('aria-selected', String(index === this.active));
    });
    const active = this.suggestions.children[this.active];
    if (active && !this.suggestions.hidden) {
      this.input.setAttribute('aria-activedescendant', active.id);
      active.scrollIntoView({block: 'nearest'});
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  onKey(event) {
    const step = {ArrowDown: 1, ArrowUp: -1}[event.key];
    if (!step || this.suggestions.hidden || this.options.length === 0) {
      return;
    }
    event.preventDefault();
    this.active = (this.active + step + this.options.length) % this.options.length;
    this.highlight();
  }

  choose(option) {
    if (option?.room) {
      this.dialog.close();
      this.onOpenRoom(option.room.id);
    } else if (option?.query) {
      this.search(option.query, null);
    }
  }

  /** A first page (`cursor` null) replaces the results; a further one is added below them. */
  async search(query, cursor) {
    const search = ++this.searches;
    this.searched = query;
    this.suggest();
    if (!cursor) {
      this.results.replaceChildren();
      this.cursor = null;
    }
    show(this.moreButton, false);
    this.status.textContent = 'Searching…';
    try {
      const page = await api.search(query, cursor, PAGE_SIZE);
      if (search !== this.searches) {
        return;
      }
      this.results.append(...page.results.map(result => searchResult(result, this.store)));
      this.cursor = page.cursor;
      show(this.moreButton, Boolean(page.cursor));
      this.status.textContent = this.results.children.length ? '' : `No messages match “${query}”.`;
    } catch (error) {
      if (search === this.searches) {
        this.status.textContent = wordsFor(error);
      }
    }
  }
}
