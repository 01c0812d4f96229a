import {pushApi} from './push-api.js';

/**
 * What this person wants to be notified of, as the server keeps it: `level` ("all", "direct" or "none", what is
 * pushed from a room with no level of its own), `previews`, and each room's own level ("all", "mentions" or
 * "nothing"), which drives this page's sounds, badges and title as well as the pushes. Emits `change` whenever an
 * answer of the server replaces it, so views follow. Loaded once per page: a change made on another device shows
 * after a reload.
 */
export class PushSettings extends EventTarget {
  constructor() {
    super();
    this.loaded = false;
    this.level = 'direct';
    this.previews = true;
    this.roomLevels = new Map();
  }

  async load() {
    this.take(await pushApi.settings());
  }

  /** The room's own level, or null when it follows the person's. */
  roomLevel(roomId) {
    return this.roomLevels.get(String(roomId)) ?? null;
  }

  async change(changes) {
    this.take(await pushApi.changeSettings(changes));
  }

  async setRoomLevel(roomId, level) {
    this.take(await pushApi.setRoomLevel(roomId, level));
  }

  take({level, previews, roomLevels}) {
    this.level = level;
    this.previews = previews;
    this.roomLevels = new Map(Object.entries(roomLevels ?? {}));
    this.loaded = true;
    this.dispatchEvent(new Event('change'));
  }
}
