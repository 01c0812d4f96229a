/** The presence states one chooses to be left alone in. */
const UNDISTURBED = new Set(['dnd', 'vacation']);

/**
 * What of the rooms' news asks for one's attention on this page, by each room's level (push-settings.js), the same
 * setting that decides what is pushed. `all` (and a room with no level of its own: with the app open, everything
 * counts, as it always did) chimes for every message and counts it in the tab title; `mentions` chimes for and counts
 * only the messages that name you; `nothing` never does. Rooms at `mentions` or `nothing` show a quiet dot for what is
 * unread, with the mention count beside it. Do-not-disturb and vacation silence every chime, whatever the level.
 *
 * Event: `change` (the levels may have changed). One's presence is read at each chime, so needs none.
 */
export class Attention extends EventTarget {
  constructor({store, settings, presence}) {
    super();
    this.store = store;
    this.settings = settings;
    this.presence = presence;
    settings.addEventListener('change', () => this.dispatchEvent(new Event('change')));
  }

  level(roomId) {
    return this.settings.roomLevel(roomId) ?? 'all';
  }

  /** A quiet room shows a dot, not a count, for what is unread. */
  quiet(roomId) {
    return this.level(roomId) !== 'all';
  }

  /** What the tab title counts: only what would notify you. */
  titleCount() {
    let total = 0;
    for (const state of this.store.rooms.values()) {
      total += {all: state.unread, mentions: state.mentions}[this.level(state.room.id)] ?? 0;
    }
    return total;
  }

  /** Whether news of a room ({roomId, count, mentions}, the store's `news`) should chime. */
  chimes({roomId, count, mentions}) {
    if (this.undisturbed()) {
      return false;
    }
    return {all: count > 0, mentions: mentions > 0}[this.level(roomId)] ?? false;
  }

  undisturbed() {
    return UNDISTURBED.has(this.presence.of(this.store.me.id)?.state);
  }
}
