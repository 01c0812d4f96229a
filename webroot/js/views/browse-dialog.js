import {api} from '../api.js';
import {byId, el} from '../dom.js';
import {wordsFor} from '../errors.js';

/** The public rooms of the server, to join one or go to one already joined. */
export class BrowseDialog {
  constructor(chat, {onOpenRoom}) {
    this.chat = chat;
    this.onOpenRoom = onOpenRoom;
    this.dialog = byId('browse-dialog');
    this.list = byId('browse-list');
    this.status = byId('browse-status');
    byId('browse-close').addEventListener('click', () => this.dialog.close());
  }

  async open() {
    this.list.replaceChildren();
    this.status.textContent = 'Loading rooms…';
    this.dialog.showModal();
    try {
      const rooms = await api.browseRooms();
      this.status.textContent = rooms.length ? '' : 'There are no public rooms yet.';
      this.list.replaceChildren(...rooms.map(room => this.row(room)));
      if (this.dialog.open && this.list.firstElementChild && !this.list.contains(document.activeElement)) {
        // The dialog opened onto its Close button while the list loaded; the rooms are what one came for.
        this.list.querySelector('button').focus();
      }
    } catch (error) {
      this.status.textContent = wordsFor(error);
    }
  }

  row(room) {
    const button = el('button', {type: 'button', className: room.joined ? 'button subtle' : 'button primary'},
      room.joined ? 'Open' : 'Join');
    button.setAttribute('aria-label', `${room.joined ? 'Open' : 'Join'} ${room.name}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        if (!room.joined) {
          await this.chat.join(room.id);
        }
        this.dialog.close();
        this.onOpenRoom(room.id);
      } catch (error) {
        this.status.textContent = wordsFor(error);
        button.disabled = false;
      }
    });
    const members = `${room.memberCount} member${room.memberCount === 1 ? '' : 's'}`;
    return el('li', {className: 'browse-row', dataset: {roomId: room.id}},
      el('div', {className: 'browse-info'},
        el('span', {className: 'browse-name'}, `# ${room.name}`),
        el('span', {className: 'browse-meta'}, members),
        room.description ? el('span', {className: 'browse-description'}, room.description) : null),
      button);
  }
}
