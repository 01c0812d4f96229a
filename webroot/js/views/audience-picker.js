import {adminApi} from '../admin-api.js';
import {api} from '../api.js';
import {el, show} from '../dom.js';
import {audienceWords} from './sent-announcements.js';

const SHOWN_PEOPLE = 8;

/**
 * Who an announcement goes to: Everyone, or any mix of roles (`GET /api/roles`), the channels one is in (from the
 * store) and people (`GET /api/users`, filtered as one types; Enter picks the first match, as in New message).
 * `audience()` answers what `POST /api/announcements` takes, or null when "chosen" has nothing chosen.
 */
export class AudiencePicker {
  constructor(store) {
    this.store = store;
    this.people = [];
    this.picked = new Map();
    const radio = (value, text) => el('label', {className: 'checkbox'},
      el('input', {type: 'radio', name: 'audience-kind', value, onchange: () => this.render()}), el('span', {}, text));
    this.everyone = radio('all', 'Everyone');
    this.chosenRadio = radio('chosen', 'Chosen roles, channels and people');
    this.roles = el('div', {className: 'audience-options'});
    this.channels = el('div', {className: 'audience-options'});
    this.pickedList = el('ul', {className: 'picked-list', 'aria-label': 'People picked'});
    this.search = el('input', {id: 'audience-search', autocomplete: 'off', autocapitalize: 'none', spellcheck: false,
      placeholder: 'Name or username', 'aria-controls': 'audience-results', oninput: () => this.renderResults(),
      onkeydown: event => this.onSearchKey(event)});
    this.results = el('ul', {id: 'audience-results', className: 'browse-list people-list', 'aria-label': 'People found'});
    this.summary = el('p', {className: 'audience-summary', 'aria-live': 'polite'});
    this.chosen = el('div', {className: 'audience-chosen'},
      el('fieldset', {className: 'audience-group'}, el('legend', {}, 'Roles'), this.roles),
      el('fieldset', {className: 'audience-group'}, el('legend', {}, 'Channels'), this.channels),
      el('label', {htmlFor: 'audience-search'}, 'People'), this.pickedList, this.search, this.results);
    this.element = el('fieldset', {className: 'audience-picker'}, el('legend', {}, 'Audience'),
      this.everyone, this.chosenRadio, this.chosen, this.summary);
    this.element.addEventListener('change', () => this.renderSummary());
  }

  /** Everyone again, nothing picked; the roles and people asked for anew. Answers once both are shown. */
  async reset() {
    this.everyone.querySelector('input').checked = true;
    this.picked.clear();
    this.search.value = '';
    this.renderChannels();
    this.roles.replaceChildren(el('span', {className: 'optional'}, 'Loading…'));
    this.render();
    const [{roles}, users] = await Promise.all([adminApi.roles(), api.users()]);
    this.roles.replaceChildren(...roles.map(role => option('audience-role', role.id, role.name,
      `${role.userCount} ${role.userCount === 1 ? 'person' : 'people'}`)));
    this.people = users.filter(user => user.id !== this.store.me.id && !user.deactivated);
    this.render();
  }

  isChosen() {
    return this.chosenRadio.querySelector('input').checked;
  }

  audience() {
    if (!this.isChosen()) {
      return {all: true};
    }
    const checked = name => [...this.chosen.querySelectorAll(`input[name="${name}"]:checked`)].map(input => input.value);
    const audience = {roleIds: checked('audience-role'), roomIds: checked('audience-channel'), userIds: [...this.picked.keys()]};
    return Object.values(audience).some(ids => ids.length) ? audience : null;
  }

  render() {
    show(this.chosen, this.isChosen());
    this.renderPicked();
    this.renderResults();
    this.renderSummary();
  }

  renderChannels() {
    const channels = this.store.roomList().filter(state => state.room.kind === 'channel').map(state => state.room);
    this.channels.replaceChildren(...channels.map(room => option('audience-channel', room.id, `#${room.name}`)));
  }

  renderSummary() {
    const audience = this.audience();
    this.summary.textContent = audience ? `Goes to ${audienceWords(audience)} (you are left out).`
      : 'Choose at least one role, channel or person.';
  }

  matches() {
    const query = this.search.value.trim().toLowerCase().replace(/^@/, '');
    return query ? this.people.filter(user => !this.picked.has(user.id) && (user.username.includes(query)
      || (user.displayName || '').toLowerCase().includes(query))).slice(0, SHOWN_PEOPLE) : [];
  }

  onSearchKey(event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      const first = this.matches()[0];
      if (first) {
        this.toggle(first);
      }
    }
  }

  toggle(user) {
    if (this.picked.has(user.id)) {
      this.picked.delete(user.id);
    } else {
      this.picked.set(user.id, user);
      this.search.value = '';
    }
    this.render();
    this.search.focus();
  }

  renderPicked() {
    const name = user => user.displayName || user.username;
    this.pickedList.replaceChildren(...[...this.picked.values()].map(user => el('li', {className: 'picked-chip',
      dataset: {userId: user.id}}, el('span', {}, name(user)),
    el('button', {type: 'button', className: 'icon-button', 'aria-label': `Remove ${name(user)}`,
      onclick: () => this.toggle(user)}, '×'))));
  }

  renderResults() {
    this.results.replaceChildren(...this.matches().map(user => el('li', {className: 'browse-row people-row',
      dataset: {userId: user.id}},
    el('div', {className: 'browse-info'}, el('span', {className: 'browse-name'}, user.displayName || user.username),
      el('span', {className: 'browse-meta'}, `@${user.username}`)),
    el('button', {type: 'button', className: 'button small', onclick: () => this.toggle(user)}, 'Add'))));
  }
}

function option(name, value, text, detail = null) {
  return el('label', {className: 'checkbox'}, el('input', {type: 'checkbox', name, value}),
    el('span', {}, text, detail ? el('span', {className: 'optional'}, ` (${detail})`) : null));
}
