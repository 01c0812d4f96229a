import {byId, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {roomLabel} from '../room-names.js';

/**
 * The open room's "Mute notifications" toggle in its header (`aria-pressed="true"` means muted). A muted room
 * still pushes the messages that name you. Hidden until the settings are known.
 */
export class RoomMuteButton {
  constructor({store, settings, notices}) {
    this.store = store;
    this.settings = settings;
    this.notices = notices;
    this.button = byId('room-mute');
    this.button.addEventListener('click', () => this.toggle());
    store.addEventListener('current', () => this.render());
    settings.addEventListener('change', () => this.render());
    this.render();
  }

  render() {
    const room = this.store.current()?.room;
    show(this.button, Boolean(room) && this.settings.loaded);
    const muted = Boolean(room) && this.settings.isMuted(room.id);
    this.button.setAttribute('aria-pressed', String(muted));
    this.button.title = muted ? 'Notifications muted: only messages that name you' : 'Mute notifications';
  }

  async toggle() {
    const room = this.store.current()?.room;
    if (!room) {
      return;
    }
    const muted = !this.settings.isMuted(room.id);
    this.button.disabled = true;
    try {
      await this.settings.mute(room.id, muted);
      const name = roomLabel(room, this.store.me);
      this.notices.show(muted ? `${name} is muted: you are notified only when someone names you.`
        : `Notifications from ${name} are back on.`);
    } catch (error) {
      this.notices.show(wordsFor(error));
    } finally {
      this.button.disabled = false;
    }
  }
}
