/**
 * One room as the client sees it: a window of its stored messages (contiguous seqs, at most the store's cap),
 * sends still pending, and what the reader has not seen yet.
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
    // Unread and mention counts while the room is out of view: the server's (room list, sync, read.cursor), plus
    // what arrived live since. readSeq is this user's read cursor as last heard (see unread.js).
    this.unread = room.unread || 0;
    this.mentions = room.mentions || 0;
    this.readSeq = room.readSeq || 0;
    this.firstUnreadSeq = this.unread ? this.readSeq + 1 : null;
    // Where the "New messages" line is drawn while the room is open; null for none.
    this.markerSeq = null;
    // Every message up to this seq has been seen or deliberately skipped (older history, dropped messages).
    this.baseline = room.lastSeq || 0;
  }

  get size() {
    return this.messages.size;
  }

  insert(message) {
    if (!this.messages.has(message.seq)) {
      this.messages.set(message.seq, message);
      this.sorted = null;
    }
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
    this.baseline = this.cursor;
    this.sortedMessages().slice(-count).forEach(message => this.messages.delete(message.seq));
    this.sorted = null;
    this.hasNewer = true;
  }

  reset() {
    this.baseline = this.cursor;
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

  /** The seq a sync should continue after. */
  get cursor() {
    return Math.max(this.baseline, this.newestSeq);
  }

  /** The newest hole in the loaded seqs, as a history query that fills it; null when there is none. */
  newestGap() {
    const sorted = this.sortedMessages();
    for (let i = sorted.length - 1; i > 0; i--) {
      const missing = sorted[i].seq - sorted[i - 1].seq - 1;
      if (missing > 0) {
        return {before: sorted[i].seq, limit: Math.min(missing, 100)};
      }
    }
    return null;
  }
}
