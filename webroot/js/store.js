import {mentionsMe} from './mentions.js';
import {patchQuotes, withHeldQuote} from './quotes.js';
import {RoomState} from './room-state.js';
import {isConversation, roomTitle} from './room-names.js';

/** At most this many stored messages are kept per room, so a long history never makes the page heavy. */
export const KEEP_MESSAGES = 500;

/**
 * What the app knows: the signed-in user, the rooms they are in, and each room's messages keyed by seq.
 *
 * Messages are only ever merged in by seq, keeping the latest change of each (changeSeq), so the same message
 * arriving from a reply, a live event and a sync is kept once, in its latest state, whatever the order. Messages
 * still being sent ("pending") are kept apart, keyed by clientMsgId, and disappear the moment the stored message
 * with that clientMsgId arrives.
 *
 * Events: `rooms` (the list, a room's details or unread counts changed), `messages` (detail: {roomId}),
 * `current` (another room was opened), `news` (detail: {roomId, firstSeq, count, mentions, inView}: messages from
 * others arrived live, `mentions` of them naming this user; `inView` when their room is the one on screen).
 */
export class Store extends EventTarget {
  constructor() {
    super();
    this.me = null;
    this.rooms = new Map();
    this.currentRoomId = null;
    this.pageVisible = true;
  }

  /** The sidebar's order: the default room, the other channels by name, then DMs and groups by what they are called. */
  roomList() {
    const conversation = state => isConversation(state.room);
    return [...this.rooms.values()].sort((a, b) =>
      (b.room.default - a.room.default) || (conversation(a) - conversation(b))
      || roomTitle(a.room, this.me).localeCompare(roomTitle(b.room, this.me)));
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

  /** The room before (-1) or after (+1) the open one in the sidebar's order, wrapping around. */
  neighbour(step) {
    const list = this.roomList();
    const index = list.findIndex(state => state.room.id === this.currentRoomId);
    return list.length ? list[(index + step + list.length) % list.length] : undefined;
  }

  /** Whether someone is looking at this room now: it is open and the page is not in a background tab. */
  inView(roomId) {
    return String(roomId) === this.currentRoomId && this.pageVisible;
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
      if (room.unread !== undefined) {
        this.setReadState(known, room, false);
      }
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
    const left = this.current();
    if (left) {
      left.markerSeq = null;
    }
    this.currentRoomId = roomId;
    this.markRead(this.current());
    this.emit('current');
  }

  setPageVisible(visible) {
    this.pageVisible = visible;
    if (visible) {
      this.markRead(this.current());
    }
  }

  /**
   * The server's word on a room's read state ({readSeq, unread, mentions}, from the room list, a sync or another
   * tab's read). While the room is in view its badges stay cleared.
   */
  setReadState(state, {readSeq, unread, mentions}, notify = true) {
    state.readSeq = Math.max(state.readSeq, readSeq ?? 0);
    const before = [state.unread, state.mentions];
    if (!this.inView(state.room.id)) {
      state.unread = unread ?? state.unread;
      state.mentions = mentions ?? state.mentions;
      state.firstUnreadSeq = state.unread ? Math.min(state.firstUnreadSeq ?? Infinity, state.readSeq + 1) : null;
    }
    // Only badges are drawn from this; re-rendering the sidebar for nothing would take the focus off a room link.
    if (notify && (before[0] !== state.unread || before[1] !== state.mentions)) {
      this.emit('rooms');
    }
  }

  /** The room is being looked at: its unread messages become read, and the new-messages line marks where they began. */
  markRead(state) {
    if (state && (state.unread || state.mentions)) {
      state.markerSeq ??= state.firstUnreadSeq;
      state.unread = 0;
      state.mentions = 0;
      state.firstUnreadSeq = null;
      this.emit('rooms');
      this.emit('messages', {roomId: state.room.id});
    }
  }

  totalUnread() {
    let total = 0;
    for (const state of this.rooms.values()) {
      total += state.unread;
    }
    return total;
  }

  /**
   * Merges messages in: a seq not held is added, a held one replaced when this copy is a later change of it (a higher
   * changeSeq), so a reply, a live event and a sync can bring the same message in any order. `fresh` marks live and
   * sync deliveries (as opposed to history pages): those join the window only where they belong
   * (`RoomState.belongs`), and the new ones from others are news, unread while their room is out of view. Replies
   * held that quote a changed message show its new state.
   */
  addMessages(roomId, messages, {fresh = false} = {}) {
    const state = this.room(roomId);
    if (!state || messages.length === 0) {
      return;
    }
    const news = [];
    for (const incoming of messages) {
      const message = withHeldQuote(state, incoming);
      const mine = message.author.id === this.me?.id;
      if (mine && message.clientMsgId) {
        state.pending.delete(message.clientMsgId);
      }
      const held = state.messages.has(message.seq);
      // A message's seq is the change that created it: one the cursor does not cover was created since.
      const isNew = !held && !state.changes.covers(message.seq);
      if (fresh && isNew && !mine && !message.deleted) {
        news.push(message);
      }
      const applied = (held || !fresh || state.belongs(message, isNew)) && state.apply(message);
      if (applied || !held) {
        patchQuotes(state, message);
      }
    }
    if (fresh && state.size > KEEP_MESSAGES) {
      state.dropOldest(state.size - KEEP_MESSAGES);
    }
    if (news.length) {
      this.announce(state, news);
    }
    this.emit('messages', {roomId: state.room.id});
  }

  /** A live change was applied (or was older than the copy held): its number counts towards the room's cursor. */
  seeChange(roomId, changeSeq) {
    this.room(roomId)?.changes.see(changeSeq);
  }

  /** A sync reply covers every change of the room up to `cursor`. */
  advanceCursor(roomId, cursor) {
    this.room(roomId)?.changes.advanceTo(cursor);
  }

  /** Counted as the server counts unread: no system lines (what a command did); mentions of this user apart. */
  announce(state, messages) {
    const firstSeq = Math.min(...messages.map(message => message.seq));
    const inView = this.inView(state.room.id);
    const unread = messages.filter(message => message.kind !== 'system' && !message.deleted);
    const mentions = unread.filter(message => mentionsMe(message, this.me)).length;
    if (!inView && unread.length) {
      state.unread += unread.length;
      state.mentions += mentions;
      state.firstUnreadSeq = Math.min(state.firstUnreadSeq ?? firstSeq, firstSeq);
      this.emit('rooms');
    }
    this.emit('news', {roomId: state.room.id, firstSeq, count: messages.length, mentions, inView});
  }

  /** A page of history above what is held; past the cap, the newest messages make room for it. */
  addOlderPage(roomId, messages) {
    const state = this.room(roomId);
    if (!state) {
      return;
    }
    messages.forEach(message => state.apply(message));
    if (state.size > KEEP_MESSAGES) {
      state.dropNewest(state.size - KEEP_MESSAGES);
    }
    this.emit('messages', {roomId: state.room.id});
  }

  /** Forgets a room's messages, to load its newest page afresh (too many missed, or back from old history). */
  resetMessages(roomId) {
    const state = this.room(roomId);
    if (state) {
      state.reset();
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

  /** Puts the New messages line above this seq; the `messages` event that follows news draws it. */
  placeMarker(roomId, seq) {
    const state = this.room(roomId);
    if (state) {
      state.markerSeq = seq;
    }
  }

  clearMarker(roomId) {
    const state = this.room(roomId);
    if (state && state.markerSeq !== null) {
      state.markerSeq = null;
      this.emit('messages', {roomId: state.room.id});
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}
