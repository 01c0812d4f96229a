import {byId, el, show} from '../dom.js';
import {dmPartner, isConversation, roomGlyph, roomTitle} from '../room-names.js';
import {roomBadges} from '../unread.js';
import {presenceMark} from './presence-mark.js';

/**
 * The left column: who I am, the rooms I'm in (current one marked, unread counted, or dotted in a quiet room: see
 * attention.js) with the room actions, and below them the direct messages and groups with the New message button.
 * A DM shows the other person's presence in place of its "@" (presence-mark.js keeps it current).
 */
export class SidebarView {
  constructor(store, {onBrowse, onCreate, onNewMessage, onSignOut, permissions, presence, attention}) {
    this.store = store;
    this.attention = attention;
    this.presence = presence;
    this.permissions = permissions;
    permissions.addEventListener('change', () => this.renderMe());
    this.list = byId('room-list');
    this.conversations = byId('dm-list');
    byId('browse-rooms').addEventListener('click', onBrowse);
    byId('create-room').addEventListener('click', onCreate);
    byId('new-message').addEventListener('click', onNewMessage);
    byId('logout').addEventListener('click', onSignOut);
    store.addEventListener('rooms', () => this.renderRooms());
    store.addEventListener('current', () => this.renderRooms());
    attention.addEventListener('change', () => this.renderRooms());
  }

  renderMe() {
    const me = this.store.me;
    byId('me-name').textContent = me.displayName || me.username;
    byId('me-name').title = `@${me.username}`;
    byId('me-role').textContent = me.role === 'member' ? '' : me.role;
    show(byId('create-room'), this.permissions.has('create_rooms'));
    show(byId('browse-rooms'), this.permissions.has('browse_rooms'));
    show(byId('new-message'), this.permissions.has('send_messages'));
  }

  renderRooms() {
    const states = this.store.roomList();
    this.list.replaceChildren(...states.filter(state => !isConversation(state.room)).map(state => this.item(state)));
    this.conversations.replaceChildren(...states.filter(state => isConversation(state.room)).map(state => this.item(state)));
  }

  item(state) {
    const {room, unread} = state;
    const current = room.id === this.store.currentRoomId;
    const quiet = this.attention.quiet(room.id);
    const classes = ['room-link', current && 'is-current', unread && 'has-unread', state.mentions && 'has-mention',
      quiet && 'is-quiet']
      .filter(Boolean).join(' ');
    const partner = dmPartner(room, this.store.me);
    return el('li', {dataset: {roomId: room.id, kind: room.kind}},
      el('a', {className: classes, href: `#/room/${encodeURIComponent(room.id)}`, 'aria-current': current ? 'page' : null,
        title: partner ? `@${partner.username}` : null},
        partner ? null : el('span', {className: 'room-hash', 'aria-hidden': 'true'}, roomGlyph(room)),
        el('span', {className: 'room-link-name'}, roomTitle(room, this.store.me)),
        // After the name, so a screen reader says "Bob B., Online"; a dot is drawn first, a Vacation badge after.
        partner ? presenceMark(this.presence, partner.id, roomGlyph(room)) : null,
        roomBadges(state, {quiet})));
  }
}
