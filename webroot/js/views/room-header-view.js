import {byId, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {usernameBeside} from '../person-names.js';
import {dmPartner, roomGlyph, roomLabel, roomTitle} from '../room-names.js';
import {presenceMark, presenceWords} from './presence-mark.js';

/**
 * The open room's name and topic (or description; a group's members), and the Leave button (not for the default
 * room nor a DM; `leave_rooms`). A DM shows the other person's @username (when their display name is something else)
 * and presence by the name, and their presence in words (with their status text) below it.
 */
export class RoomHeaderView {
  constructor(store, chat, notices, permissions, presence) {
    this.store = store;
    this.permissions = permissions;
    this.presence = presence;
    presence.addEventListener('change', ({detail: {userIds}}) => {
      const partner = dmPartner(store.current()?.room ?? {}, store.me);
      if (partner && (!userIds || userIds.includes(String(partner.id)))) {
        this.render();
      }
    });
    permissions.addEventListener('change', () => this.render());
    this.leaveButton = byId('leave-room');
    this.leaveButton.addEventListener('click', async () => {
      const state = store.current();
      if (!state) {
        return;
      }
      const {room} = state;
      if (room.private && !window.confirm(`Leave ${roomLabel(room, store.me)}? You will need to be added again.`)) {
        return;
      }
      this.leaveButton.disabled = true;
      try {
        await chat.leave(room.id);
      } catch (error) {
        notices.show(wordsFor(error));
      } finally {
        this.leaveButton.disabled = false;
      }
    });
    store.addEventListener('current', () => this.render());
    store.addEventListener('rooms', () => this.render());
  }

  render() {
    const room = this.store.current()?.room;
    byId('room-name').textContent = room ? `${roomGlyph(room)} ${roomTitle(room, this.store.me)}` : '';
    const partner = room ? dmPartner(room, this.store.me) : null;
    byId('room-username').replaceChildren(...[partner && usernameBeside(partner)].filter(Boolean));
    byId('room-presence').replaceChildren(...(partner ? [presenceMark(this.presence, partner.id)] : []));
    byId('room-description').textContent = room?.kind === 'group'
      ? room.members.map(member => member.displayName || member.username).join(', ')
      : room?.topic || room?.description || (partner ? presenceWords(this.presence.of(partner.id)) : '');
    show(this.leaveButton, Boolean(room) && !room.default && room.kind !== 'dm' && this.permissions.has('leave_rooms'));
    this.leaveButton.textContent = room?.kind === 'group' ? 'Leave group' : 'Leave room';
  }
}
