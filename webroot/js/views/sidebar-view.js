import {byId, el, show} from '../dom.js';
import {roomBadges} from '../unread.js';

/** The left column: who I am, the rooms I'm in (current one marked, unread counted), and room actions. */
export class SidebarView {
  constructor(store, {onBrowse, onCreate, onSignOut, permissions}) {
    this.store = store;
    this.permissions = permissions;
    permissions.addEventListener('change', () => this.renderMe());
    this.list = byId('room-list');
    byId('browse-rooms').addEventListener('click', onBrowse);
    byId('create-room').addEventListener('click', onCreate);
    byId('logout').addEventListener('click', onSignOut);
    store.addEventListener('rooms', () => this.renderRooms());
    store.addEventListener('current', () => this.renderRooms());
  }

  renderMe() {
    const me = this.store.me;
    byId('me-name').textContent = me.displayName || me.username;
    byId('me-name').title = `@${me.username}`;
    byId('me-role').textContent = me.role === 'member' ? '' : me.role;
    show(byId('create-room'), this.permissions.has('create_rooms'));
    show(byId('browse-rooms'), this.permissions.has('browse_rooms'));
  }

  renderRooms() {
    const items = this.store.roomList().map(state => {
      const {room, unread} = state;
      const current = room.id === this.store.currentRoomId;
      const classes = ['room-link', current && 'is-current', unread && 'has-unread', state.mentions && 'has-mention'].filter(Boolean).join(' ');
      return el('li', {dataset: {roomId: room.id}},
        el('a', {className: classes, href: `#/room/${encodeURIComponent(room.id)}`, 'aria-current': current ? 'page' : null},
          el('span', {className: 'room-hash', 'aria-hidden': 'true'}, room.private ? '🔒' : '#'),
          el('span', {className: 'room-link-name'}, room.name),
          roomBadges(state)));
    });
    this.list.replaceChildren(...items);
  }
}
