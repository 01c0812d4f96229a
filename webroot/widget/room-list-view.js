import {el} from '../js/dom.js';
import {isConversation, roomGlyph, roomTitle} from '../js/room-names.js';
import {roomBadges} from '../js/unread.js';

/**
 * The person's direct messages and groups, then their rooms, each with its unread and mention counts, in the web
 * app's order. One button per entry; the arrow keys move between them as well as Tab does.
 */
export class RoomListView {
  constructor(store, onOpen) {
    this.store = store;
    this.conversations = el('ul', {className: 'room-list', 'aria-labelledby': 'conversations-heading'});
    this.channels = el('ul', {className: 'room-list', 'aria-labelledby': 'rooms-heading'});
    this.node = el('div', {className: 'rooms'},
      el('h3', {id: 'conversations-heading', className: 'section-title'}, 'Direct messages'), this.conversations,
      el('h3', {id: 'rooms-heading', className: 'section-title'}, 'Rooms'), this.channels);
    this.node.addEventListener('click', event => {
      const button = event.target.closest('[data-room-id]');
      if (button) {
        onOpen(button.dataset.roomId);
      }
    });
    this.node.addEventListener('keydown', event => this.moveFocus(event));
    store.addEventListener('rooms', () => this.render());
    this.render();
  }

  render() {
    const focused = this.node.getRootNode().activeElement?.dataset?.roomId;
    const states = this.store.roomList();
    const entries = (list, none) => (list.length ? list.map(state => this.item(state)) : [el('li', {className: 'none'}, none)]);
    this.conversations.replaceChildren(...entries(states.filter(state => isConversation(state.room)), 'No direct messages yet.'));
    this.channels.replaceChildren(...entries(states.filter(state => !isConversation(state.room)), 'No rooms yet.'));
    if (focused) {
      this.focus(focused);
    }
  }

  item(state) {
    const {room} = state;
    const classes = ['room', state.unread && 'has-unread', state.mentions && 'has-mention'].filter(Boolean).join(' ');
    return el('li', {},
      el('button', {type: 'button', className: classes, dataset: {roomId: room.id}},
        el('span', {className: 'room-glyph', 'aria-hidden': 'true'}, roomGlyph(room)),
        el('span', {className: 'room-name'}, roomTitle(room, this.store.me)),
        roomBadges(state)));
  }

  /** The given room's entry, or the first one. */
  focus(roomId = null) {
    const buttons = [...this.node.querySelectorAll('[data-room-id]')];
    (buttons.find(button => button.dataset.roomId === roomId) ?? buttons[0])?.focus();
  }

  moveFocus(event) {
    const step = {ArrowDown: 1, ArrowUp: -1}[event.key];
    const buttons = [...this.node.querySelectorAll('[data-room-id]')];
    const index = buttons.indexOf(event.target);
    if (step && index >= 0) {
      event.preventDefault();
      buttons[(index + step + buttons.length) % buttons.length].focus();
    } else if ((event.key === 'Home' || event.key === 'End') && index >= 0) {
      event.preventDefault();
      buttons[event.key === 'Home' ? 0 : buttons.length - 1].focus();
    }
  }
}
