import {ChangeCursor} from './change-cursor.js';

/**
 * One room as the client sees it: a window of its stored messages (every message between the oldest and the newest
 * held, at most the store's cap; their seqs have gaps, as edits, deletions and reactions take numbers in between),
 * sends still pending, where its sync continues, and what the reader has not seen yet.
 */
export class RoomState {
  constructor(room) {
    this.room = room;
    this.messages = new Map();
    this.sorted = null;
    this.pending = new Map();
    this.loaded = false;
    this.hasOlder = true;
    // The window ends before the room's newest messages: they were dropped when paging far back.
    this.hasNewer = false;
    this.loadingOlder = false;
    // Counts the times the window was emptied, so that a page asked for before cannot land in the new window.
    this.resets = 0;
    // Unread and mention counts while the room is out of view: the server's (room list, sync, read.cursor), plus
    // what arrived live since. readSeq is this user's read cursor as last heard (see unread.js).
    this.unread = room.unread || 0;
    this.mentions = room.mentions || 0;
    this.readSeq = room.readSeq || 0;
    this.firstUnreadSeq = this.unread ? this.readSeq + 1 : null;
    // Where the "New messages" line is drawn while the room is open; null for none.
    this.markerSeq = null;
    // The room's lastSeq when first seen is its change number then: what happened before is in history.
    this.changes = new ChangeCursor(room.lastSeq || 0);
  }

  get size() {
    return this.messages.size;
  }

  /** Puts a message in, or replaces the copy held when this is a later change of it. Answers whether it did. */
  apply(message) {
    const held = this.messages.get(message.seq);
    if (held && !(message.changeSeq > held.changeSeq)) {
      return false;
    }
    this.messages.set(message.seq, message);
    this.sorted = null;
    return true;
  }

  /**
   * Whether a message heard live or from a sync, and not held, belongs in the window: not older than the oldest held
   * (paging back would skip the hole between), not newer than the newest while the newest are dropped, and in an
   * empty window only when it is new (`isNew`): an old message that changed is no reason to show that far back.
   */
  belongs(message, isNew) {
    if (this.messages.size === 0) {
      return isNew && !this.hasNewer;
    }
    if (message.seq < this.oldestSeq) {
      return false;
    }
    return message.seq < this.newestSeq || !this.hasNewer;
  }

  sortedMessages() {
    this.sorted ??= [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    return this.sorted;
  }

  dropOldest(count) {
    this.sortedMessages().slice(0, count).forEach(message => this.messages.delete(message.seq));
    this.sorted = null;
    this.hasOlder = true;
  }

  dropNewest(count) {
    this.sortedMessages().slice(-count).forEach(message => this.messages.delete(message.seq));
    this.sorted = null;
    this.hasNewer = true;
  }

  reset() {
    this.resets++;
    this.messages.clear();
    this.sorted = null;
    this.loaded = false;
    this.hasOlder = true;
    this.hasNewer = false;
  }

  get oldestSeq() {
    const sorted = this.sortedMessages();
    return sorted.length ? sorted[0].seq : 0;
  }

  get newestSeq() {
    const sorted = this.sortedMessages();
    return sorted.length ? sorted[sorted.length - 1].seq : 0;
  }

  /** The change number a sync continues after. */
  get cursor() {
    return this.changes.value;
  }
}
