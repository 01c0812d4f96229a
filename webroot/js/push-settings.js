import {pushApi} from './push-api.js';

/**
 * What this person wants pushed, as the server keeps it: `level` ("all", "direct" or "none"), `previews`, and the
 * muted rooms. Emits `change` whenever an answer of the server replaces it, so views follow. Loaded once per page:
 * a change made on another device shows after a reload.
 */
export class PushSettings extends EventTarget {
  constructor() {
    super();
    this.loaded = false;
    this.level = 'direct';
    this.previews = true;
    this.mutedRoomIds = new Set();
  }

  async load() {
    this.take(await pushApi.settings());
  }

  isMuted(roomId) {
    return this.mutedRoomIds.has(String(roomId));
  }

  async change(changes) {
    this.take(await pushApi.changeSettings(changes));
  }

  async mute(roomId, muted) {
    this.take(await pushApi.muteRoom(roomId, muted));
  }

  take({level, previews, mutedRoomIds}) {
    this.level = level;
    this.previews = previews;
    this.mutedRoomIds = new Set((mutedRoomIds ?? []).map(String));
    this.loaded = true;
    this.dispatchEvent(new Event('change'));
  }
}
