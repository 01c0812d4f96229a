/**
 * What the app knows: the signed-in user, the rooms they are in, and each room's messages keyed by seq.
 *
 * Messages are only ever merged in by seq, so the same message arriving from a reply, a live event and a sync
 * is kept once, whatever the order. Messages still being sent ("pending") are kept apart, keyed by clientMsgId,
 * and disappear the moment the stored message with that clientMsgId arrives.
 *
 * Events: `rooms` (the list, a room's details or unread counts changed), `messages` (detail: {roomId}),
 * `current` (another room was opened).
 */
export class Store extends EventTarget {
  constructor() {
    super();
    this.me = null;
    this.rooms = new Map();
    this.currentRoomId = null;
  }

  roomList() {
    return [...this.rooms.values()].sort((a, b) =>
      (b.room.default - a.room.default) || a.room.name.localeCompare(b.room.name));
  }

  room(roomId) {
    return this.rooms.get(String(roomId));
  }

  current() {
    return this.room(this.currentRoomId);
  }

  defaultRoom() {
    return this.roomList()[0];
  }

  /** Adds rooms not seen before and drops those no longer listed; answers the ids dropped. */
  setRooms(rooms) {
    const listed = new Set(rooms.map(room => room.id));
    const dropped = [...this.rooms.keys()].filter(id => !listed.has(id));
    dropped.forEach(id => this.rooms.delete(id));
    rooms.forEach(room => this.upsertRoom(room, false));
    this.emit('rooms');
    return dropped;
  }

  upsertRoom(room, notify = true) {
    const known = this.room(room.id);
    if (known) {
      known.room = {...known.room, ...room};
    } else {
      this.rooms.set(room.id, new RoomState(room));
    }
    if (notify) {
      this.emit('rooms');
    }
  }

  removeRoom(roomId) {
    if (this.rooms.delete(String(roomId))) {
      this.emit('rooms');
    }
  }

  setCurrent(roomId) {
    this.currentRoomId = roomId;
    const state = this.current();
    if (state && state.unread) {
      state.unread = 0;
      this.emit('rooms');
    }
    this.emit('current');
  }

  totalUnread() {
    let total = 0;
    for (const state of this.rooms.values()) {
      total += state.unread;
    }
    return total;
  }

  /**
   * Merges messages in by seq. `fresh` marks live and sync deliveries (as opposed to history pages): those newer
   * than anything known count as unread when their room is not open.
   */
  addMessages(roomId, messages, {fresh = false} = {}) {
    const state = this.room(roomId);
    if (!state || messages.length === 0) {
      return;
    }
    const knownUpTo = state.cursor;
    let unread = 0;
    for (const message of messages) {
      if (state.messages.has(message.seq)) {
        continue;
      }
      state.messages.set(message.seq, message);
      state.sorted = null;
      if (message.clientMsgId && message.author.id === this.me?.id) {
        state.pending.delete(message.clientMsgId);
      }
      if (fresh && message.seq > knownUpTo && message.author.id !== this.me?.id && state.room.id !== this.currentRoomId) {
        unread++;
      }
    }
    if (unread) {
      state.unread += unread;
      this.emit('rooms');
    }
    this.emit('messages', {roomId: state.room.id});
  }

  /** Forgets a room's messages, when too many were missed to page them in. */
  resetMessages(roomId, knownUpTo) {
    const state = this.room(roomId);
    if (state) {
      state.messages.clear();
      state.sorted = null;
      state.loaded = false;
      state.hasOlder = true;
      state.baseline = Math.max(state.baseline, knownUpTo);
      this.emit('messages', {roomId: state.room.id});
    }
  }

  setPending(roomId, pending) {
    const state = this.room(roomId);
    if (state) {
      state.pending.set(pending.clientMsgId, pending);
      this.emit('messages', {roomId: state.room.id});
    }
  }

  /** A send that stored nothing (a command that answered privately). */
  dropPending(roomId, clientMsgId) {
    const state = this.room(roomId);
    if (state && state.pending.delete(clientMsgId)) {
      this.emit('messages', {roomId: state.room.id});
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}

/** One room as the client sees it. */
class RoomState {
  constructor(room) {
    this.room = room;
    this.messages = new Map();
    this.sorted = null;
    this.pending = new Map();
    this.loaded = false;
    this.hasOlder = true;
    this.loadingOlder = false;
    this.unread = 0;
    // What the room list said when the room was first seen: older messages are history, not news.
    this.baseline = room.lastSeq || 0;
  }

  sortedMessages() {
    this.sorted ??= [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    return this.sorted;
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
