import {byId, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {roomLabel} from '../room-names.js';

const SAID = {
  '': name => `${name} notifies you as your Notifications settings say.`,
  all: name => `${name} notifies you of every message.`,
  mentions: name => `${name} notifies you only when someone names you.`,
  nothing: name => `${name} is muted: it shows a dot for what is new, and a count when someone names you.`,
};

/**
 * What the open room notifies you of, chosen in its header: your usual (the room has no level of its own), every
 * message, mentions, or nothing. One choice for this page's sounds, badges and title and for the pushes to your
 * devices. Hidden until the settings are known.
 */
export class RoomLevelChoice {
  constructor({store, settings, notices}) {
    this.store = store;
    this.settings = settings;
    this.notices = notices;
    this.select = byId('room-level');
    this.select.addEventListener('change', () => this.choose(this.select.value));
    store.addEventListener('current', () => this.render());
    settings.addEventListener('change', () => this.render());
    this.render();
  }

  render() {
    const room = this.store.current()?.room;
    show(this.select, Boolean(room) && this.settings.loaded);
    this.select.value = room ? this.settings.roomLevel(room.id) ?? '' : '';
    this.select.classList.toggle('is-set', this.select.value !== '');
  }

  async choose(level) {
    const room = this.store.current()?.room;
    if (!room) {
      return;
    }
    this.select.disabled = true;
    try {
      await this.settings.setRoomLevel(room.id, level || null);
      this.notices.show(SAID[level](roomLabel(room, this.store.me)));
    } catch (error) {
      this.notices.show(wordsFor(error));
      this.render();
    } finally {
      this.select.disabled = false;
    }
  }
}
