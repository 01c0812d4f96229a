import {api} from './api.js';
import {HISTORY_EVENTS, HistorySync} from './history-sync.js';
import {Outbox} from './outbox.js';

const PAGE_SIZE = 50;
// How many messages after the one jumped to are shown with it (at most: seqs also count edits and reactions).
const AROUND = 25;

/**
 * The chat logic between the connection and the store: live events, catching up after every (re)connect (with
 * history-sync.js), history pages, sending with retries, and joining or leaving rooms.
 *
 * Events: `signed-out` when the session turns out to have ended; `room-removed` (detail: {room, reason: 'left',
 * 'deleted' or 'kicked'}); `room-event` (detail: {roomId, event}) for every event on a room address, for features that want
 * more than the message list (a DM or group created by someone else arrives as `conversation.created` on `user.<id>`
 * and is added like a joined room); `command-output` (detail: {roomId, command, text}) when a slash command of this user
 * answered privately, in this tab or another; `user-event` (detail: {event}) for every event on the user's own
 * address; `synced` (detail: {rooms}) with each chat.sync reply, whose room entries carry the read state.
 */
export class Chat extends EventTarget {
  /** `outbox`: the Outbox's options (see outbox.js): whether sends wait for the connection, and where they are kept. */
  constructor(store, connection, {outbox = {}} = {}) {
    super();
    this.store = store;
    this.connection = connection;
    this.outbox = new Outbox(store, connection,
      (roomId, clientMsgId, command, text) => this.showCommandOutput(roomId, clientMsgId, command, text), outbox);
    this.historySync = new HistorySync(store, connection,
      rooms => this.dispatchEvent(new CustomEvent('synced', {detail: {rooms}})));
    this.loadingLatest = new Set();
    this.syncs = 0;
    this.shownOutputs = new Set();
  }

  start() {
    this.connection.addEventListener('open', () => this.catchUp());
    this.connection.addEventListener('refused', () => this.checkSession());
    // Ended elsewhere (signed out there, a new password, deactivated): the server said so, no need to ask.
    this.connection.addEventListener('session-ended', () => this.signedOut());
    this.resume();
  }

  /**
   * Listens to the user's and the rooms' addresses and connects: at the start, and again after `signed-out` when the
   * same person is signed in anew (the widget, given a fresh token by its host page). The first sync catches up.
   */
  resume() {
    this.connection.subscribe(`user.${this.store.me.id}`, event => this.onUserEvent(event));
    this.store.rooms.forEach((state, roomId) => this.subscribeRoom(roomId));
    this.connection.start();
  }

  /** After every (re)connect: the room list may have changed, and messages may have been missed. One sync. */
  async catchUp() {
    try {
      // Rooms joined or left in another tab while this one was offline.
      this.reconcileRooms(await api.rooms());
    } catch (error) {
      if (error.status === 401) {
        this.signedOut();
        return;
      }
    }
    try {
      await this.sync();
      const current = this.store.current();
      if (current && !current.loaded) {
        await this.loadLatest(current.room.id);
      }
    } catch (error) {
      // A dropped connection catches up again when it reopens.
      console.warn('catching up failed:', error.slug || error);
    }
  }

  reconcileRooms(rooms) {
    this.store.setRooms(rooms).forEach(roomId => this.connection.unsubscribe(`room.${roomId}`));
    rooms.forEach(room => this.subscribeRoom(room.id));
  }

  async sync() {
    await this.historySync.sync();
    this.syncs++;
  }

  /** One room, e.g. a conversation just created: what it got before its registration took effect. */
  async syncRoom(roomId) {
    if (!this.store.room(roomId) || this.connection.state !== 'open') {
      return;
    }
    try {
      await this.historySync.sync([roomId]);
    } catch {
      // The next reconnect's sync catches up.
    }
  }

  async checkSession() {
    try {
      if (await api.me() === null) {
        this.signedOut();
      }
    } catch {
      // Server unreachable: the connection keeps retrying.
    }
  }

  signedOut() {
    this.connection.stop();
    this.dispatchEvent(new Event('signed-out'));
  }

  subscribeRoom(roomId) {
    this.connection.subscribe(`room.${roomId}`, event => this.onRoomEvent(String(roomId), event));
  }

  onRoomEvent(roomId, event) {
    if (HISTORY_EVENTS.has(event.type)) {
      this.historySync.onEvent(roomId, event);
    }
    switch (event.type) {
      case 'member.left':
        if (event.userId === this.store.me.id) {
          this.forgetRoom(roomId, 'left');
        }
        break;
      case 'room.deleted':
        this.forgetRoom(roomId, 'deleted');
        break;
      default:
        break;
    }
    this.dispatchEvent(new CustomEvent('room-event', {detail: {roomId, event}}));
  }

  onUserEvent(event) {
    if (event.type === 'room.joined' || event.type === 'conversation.created') {
      this.adopt(event.room);
      // Registered first, so this sync misses nothing that was sent before the registration took effect.
      this.syncRoom(event.room.id);
    } else if (event.type === 'room.left') {
      this.forgetRoom(event.roomId, 'left');
    } else if (event.type === 'kicked') {
      this.forgetRoom(event.roomId, 'kicked');
    } else if (event.type === 'command.output') {
      this.showCommandOutput(event.roomId, event.clientMsgId, event.command, event.text);
    }
    this.dispatchEvent(new CustomEvent('user-event', {detail: {event}}));
  }

  /** The tab that sent the command gets its output twice, as the reply and as the event: show it once. */
  showCommandOutput(roomId, clientMsgId, command, text) {
    if (clientMsgId) {
      if (this.shownOutputs.has(clientMsgId)) {
        return;
      }
      if (this.shownOutputs.size >= 100) {
        this.shownOutputs.clear();
      }
      this.shownOutputs.add(clientMsgId);
    }
    this.dispatchEvent(new CustomEvent('command-output', {detail: {roomId, command, text}}));
  }

  forgetRoom(roomId, reason) {
    const state = this.store.room(roomId);
    this.connection.unsubscribe(`room.${roomId}`);
    if (state) {
      this.store.removeRoom(roomId);
      this.dispatchEvent(new CustomEvent('room-removed', {detail: {room: state.room, reason}}));
    }
  }

  /**
   * The newest page of a room. Before the bridge is open it comes over REST, so a page load shows messages without
   * waiting for the connection; whatever arrives after that page, the first sync brings.
   */
  async loadLatest(roomId) {
    const state = this.store.room(roomId);
    if (!state || this.loadingLatest.has(roomId)) {
      return;
    }
    this.loadingLatest.add(roomId);
    const resets = state.resets;
    try {
      const page = this.connection.state === 'open'
        ? await this.connection.request('chat.history', {roomId, limit: PAGE_SIZE})
        : await api.latestMessages(roomId, PAGE_SIZE);
      if (state.resets !== resets) {
        return;
      }
      state.loaded = true;
      state.hasOlder = page.more;
      this.store.addMessages(roomId, page.messages);
      this.store.emit('messages', {roomId});
    } finally {
      this.loadingLatest.delete(roomId);
    }
  }

  /** The page before the oldest message shown. Answers false when there was nothing (more) to load. */
  async loadOlder(roomId) {
    const state = this.store.room(roomId);
    if (!state || !state.loaded || !state.hasOlder || state.loadingOlder || this.connection.state !== 'open') {
      return false;
    }
    state.loadingOlder = true;
    this.store.emit('messages', {roomId});
    const resets = state.resets;
    try {
      const page = await this.connection.request('chat.history', {roomId, before: state.oldestSeq, limit: PAGE_SIZE});
      if (state.resets !== resets) {
        return false;
      }
      state.hasOlder = page.more;
      this.store.addOlderPage(roomId, page.messages);
      return true;
    } finally {
      state.loadingOlder = false;
      this.store.emit('messages', {roomId});
    }
  }

  /**
   * A window of history around one message, in place of what the room held: the message, up to 25 after it and the
   * rest before it. The newer ones stay out (`hasNewer`) until the reader jumps to the latest. Over REST, so it works
   * before the bridge is open. Answers whether the room has that message. `wanted()` says, once the pages are in,
   * whether they are still asked for: a later jump may have asked for another window meanwhile.
   */
  async loadAround(roomId, seq, wanted = () => true) {
    const state = this.store.room(roomId);
    if (!state) {
      return false;
    }
    const [page, newest] = await Promise.all([
      api.messagesBefore(roomId, seq + AROUND + 1, PAGE_SIZE), api.messagesBefore(roomId, null, 1)]);
    if (!wanted() || this.store.room(roomId) !== state || !page.messages.some(message => message.seq === seq)) {
      return false;
    }
    const last = page.messages[page.messages.length - 1].seq;
    state.reset();
    state.loaded = true;
    state.hasOlder = page.more;
    state.hasNewer = newest.messages.some(message => message.seq > last);
    this.store.addMessages(roomId, page.messages);
    return true;
  }

  /** Back from old history to the newest page (the newest messages may have been dropped on the way up). */
  jumpToLatest(roomId) {
    const state = this.store.room(roomId);
    if (state?.hasNewer) {
      this.store.resetMessages(roomId);
      return this.loadLatest(roomId);
    }
    return Promise.resolve();
  }

  /** `replyTo`: the quote (see quotes.js) of the message this answers, or null; `attachments`: uploaded files. */
  send(roomId, content, replyTo = null, attachments = []) {
    this.store.clearMarker(roomId);
    this.outbox.send(roomId, content, replyTo, attachments);
  }

  retry(roomId, clientMsgId) {
    this.outbox.retry(roomId, clientMsgId);
  }

  async join(roomId) {
    const room = await api.joinRoom(roomId);
    this.store.upsertRoom(room);
    this.subscribeRoom(room.id);
    return room;
  }

  async leave(roomId) {
    await api.leaveRoom(roomId);
    this.forgetRoom(roomId, 'left');
  }

  /** Opens the DM with someone, made on first use; the other person's app hears conversation.created. */
  async startDm(userId) {
    return this.adopt(await api.startDm(userId));
  }

  async startGroup(userIds, name) {
    return this.adopt(await api.startGroup(userIds, name));
  }

  adopt(room) {
    this.store.upsertRoom(room);
    this.subscribeRoom(room.id);
    return room;
  }

  async createRoom(name, description, isPrivate) {
    const room = await api.createRoom(name, description, isPrivate);
    this.store.upsertRoom(room);
    this.subscribeRoom(room.id);
    return room;
  }
}
