import {api} from '../api.js';
import {byId, el, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {handleOf} from '../person-names.js';
import {presenceMark, statusLine} from './presence-mark.js';

/**
 * The Members panel beside the messages (the header's Members button; not in a DM, whose header shows the other
 * person): the open room's members (`GET /api/rooms/<id>/members`, asked once per room and again after someone
 * joins, leaves or is renamed), each with their presence and status text, kept current by presence-mark.js.
 * It stays open across room switches; Escape closes it.
 */
export class MemberListView {
  constructor({store, chat, presence}) {
    this.store = store;
    this.presence = presence;
    this.members = new Map();
    this.open = false;
    this.button = byId('toggle-members');
    this.panel = byId('member-panel');
    this.list = byId('member-list');
    this.status = byId('member-status');
    this.button.addEventListener('click', () => this.toggle(!this.open));
    this.panel.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.toggle(false);
        this.button.focus();
      }
    });
    store.addEventListener('current', () => this.render());
    chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
      if (['member.joined', 'member.left', 'member.updated'].includes(event.type)) {
        this.members.delete(roomId);
        if (roomId === store.currentRoomId) {
          this.render();
        }
      }
    });
    this.render();
  }

  toggle(open) {
    this.open = open;
    this.button.setAttribute('aria-expanded', String(open));
    this.render();
  }

  async render() {
    const room = this.store.current()?.room;
    const available = Boolean(room) && room.kind !== 'dm';
    show(this.button, available);
    show(this.panel, available && this.open);
    if (this.panel.hidden) {
      return;
    }
    const roomId = room.id;
    if (!this.members.has(roomId)) {
      this.status.textContent = 'Loading…';
      this.list.replaceChildren();
      this.members.set(roomId, api.members(roomId).catch(error => {
        this.members.delete(roomId);
        throw error;
      }));
    }
    try {
      const members = await this.members.get(roomId);
      if (this.store.currentRoomId === roomId) {
        this.show(members);
      }
    } catch (error) {
      if (this.store.currentRoomId === roomId) {
        this.status.textContent = wordsFor(error);
        this.list.replaceChildren();
      }
    }
  }

  show(members) {
    const name = member => member.displayName || member.username;
    const sorted = [...members].sort((a, b) => name(a).localeCompare(name(b)));
    this.status.textContent = `${members.length} member${members.length === 1 ? '' : 's'}`;
    this.list.replaceChildren(...sorted.map(member => el('li', {className: 'member-row', dataset: {userId: member.id}},
      el('div', {className: 'member-line'},
        el('span', {className: member.deactivated ? 'member-name is-deactivated' : 'member-name'}, name(member),
          member.id === this.store.me.id ? el('span', {className: 'member-you'}, ' (you)') : null),
        // After the name, so it is read after it; a dot is drawn first, a Vacation badge after.
        presenceMark(this.presence, member.id)),
      el('div', {className: 'member-detail'}, handleOf(member),
        statusLine(this.presence, member.id, 'member-status-text')))));
  }
}
