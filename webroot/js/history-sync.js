const GAP_CHECK_DELAY_MS = 1500;

/** The events that change a room's history; each carries the room's change number and the message's new state. */
export const HISTORY_EVENTS = new Set(['message.new', 'message.updated', 'message.deleted', 'reaction.changed', 'poll.updated']);

/**
 * Keeps each room's messages in step with the server's change sequence. Every change to a room's history (a new
 * message, an edit, a deletion, a reaction) has the next change number of the room and comes as one event; the
 * client applies them all alike (the message, when newer than its copy) and counts their numbers in the room's
 * cursor. `chat.sync` brings what was missed: after every (re)connect for all rooms, and for one room when a
 * change number is still missing a moment after a later one arrived (events of different senders can overtake
 * each other, so a hole is given time to fill by itself).
 */
export class HistorySync {
  /** `onReply(rooms)` hears each chat.sync reply once applied: its room entries also carry the read state. */
  constructor(store, connection, onReply = () => {}) {
    this.store = store;
    this.connection = connection;
    this.onReply = onReply;
    this.gapChecks = new Map();
    // chat.sync requests made, for the browser tests.
    this.requests = 0;
  }

  onEvent(roomId, event) {
    this.store.addMessages(roomId, [event.message], {fresh: true});
    this.store.seeChange(roomId, event.changeSeq);
    if (this.store.room(roomId)?.changes.hasGap) {
      this.scheduleGapCheck(roomId);
    }
  }

  /** Each room's changes since its cursor, in change order, page after page until none has more. */
  async sync(roomIds = [...this.store.rooms.keys()]) {
    let cursors = this.cursorsOf(roomIds);
    while (Object.keys(cursors).length) {
      const reply = await this.connection.request('chat.sync', {cursors});
      this.requests++;
      const again = [];
      for (const [roomId, page] of Object.entries(reply.rooms)) {
        this.store.addMessages(roomId, page.messages, {fresh: true});
        this.store.advanceCursor(roomId, page.cursor);
        if (page.more) {
          again.push(roomId);
        }
      }
      this.onReply(reply.rooms);
      cursors = this.cursorsOf(again);
    }
  }

  cursorsOf(roomIds) {
    const cursors = {};
    for (const roomId of roomIds) {
      const state = this.store.room(roomId);
      if (state) {
        cursors[roomId] = state.cursor;
      }
    }
    return cursors;
  }

  /** Not pushed back by further events: under a steady stream the check must still come. */
  scheduleGapCheck(roomId) {
    if (!this.gapChecks.has(roomId)) {
      this.gapChecks.set(roomId, setTimeout(() => this.fillGap(roomId), GAP_CHECK_DELAY_MS));
    }
  }

  async fillGap(roomId) {
    this.gapChecks.delete(roomId);
    if (!this.store.room(roomId)?.changes.hasGap || this.connection.state !== 'open') {
      return;
    }
    try {
      await this.sync([roomId]);
    } catch {
      // The next event with a hole behind it, or the next reconnect's sync, tries again.
    }
  }
}
