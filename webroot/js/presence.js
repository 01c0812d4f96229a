import {IdleWatch} from './idle.js';

/** As many as the server takes in one `presence.watch`. */
const MAX_WATCHED = 1000;
/** Renders come in bursts (a room opening draws its member list); one watch after each burst. */
const WATCH_AFTER_MS = 100;

/**
 * Who is around, as the server tells it, for the people this page shows: whoever has a presence mark or a status
 * line on screen (presence-mark.js gives them `data-presence-of` and `data-status-of`). After every (re)connect and
 * whenever that set of people changes, `presence.watch` with their ids, whose answer is their presence now; then
 * `presence.changed` on `user.<id>` for them. Also this page's part: a `presence.heartbeat` on every (re)connect
 * and whenever the person goes idle or comes back (idle.js), and `presence.set` for the status one chooses.
 *
 * Event: `change` (detail: {userIds}: the people whose presence changed).
 */
export class Presence extends EventTarget {
  constructor({connection, chat, idle = new IdleWatch(), root = document.body}) {
    super();
    this.connection = connection;
    this.idle = idle;
    this.root = root;
    this.people = new Map();
    /** The ids of the last watch sent on this connection (sorted, joined); null: none yet. */
    this.watching = null;
    this.watchTimer = null;
    /** Changes heard while a watch's answer is on its way, one map per answer awaited: they are newer than it. */
    this.heardWhileWatching = new Set();
    chat.addEventListener('user-event', ({detail: {event}}) => {
      if (event.type === 'presence.changed') {
        this.heard(event.users);
      }
    });
    connection.addEventListener('open', () => {
      this.heartbeat();
      this.watching = null;
      this.watchShown();
    });
    new MutationObserver(() => this.watchSoon()).observe(root,
      {childList: true, subtree: true, attributes: true, attributeFilter: ['data-presence-of', 'data-status-of']});
    idle.addEventListener('change', () => this.heartbeat());
  }

  /** {state, text, emoji} of someone, or undefined before the server told it. */
  of(userId) {
    return this.people.get(String(userId));
  }

  /**
   * `state`: online, dnd or vacation; `text` and `emoji` may be empty; `userId`: someone else, whose vacation one
   * sets or clears (`manage_presence`). Answers the presence the server now shows.
   */
  async set({state, text, emoji, userId}) {
    const {presence} = await this.connection.request('presence.set',
      {state, text, ...(emoji ? {emoji} : {}), ...(userId ? {userId} : {})});
    this.heard([presence]);
    return presence;
  }

  /** The people on screen, in the order shown, as many as one watch takes. */
  shown() {
    const ids = new Set();
    this.root.querySelectorAll('[data-presence-of], [data-status-of]')
      .forEach(node => ids.add(node.dataset.presenceOf ?? node.dataset.statusOf));
    return [...ids].slice(0, MAX_WATCHED);
  }

  watchSoon() {
    if (!this.watchTimer) {
      this.watchTimer = setTimeout(() => {
        this.watchTimer = null;
        this.watchShown();
      }, WATCH_AFTER_MS);
    }
  }

  async watchShown() {
    const userIds = this.shown();
    const key = [...userIds].sort().join(',');
    if (this.connection.state !== 'open' || key === this.watching) {
      return;
    }
    this.watching = key;
    const heard = new Map();
    this.heardWhileWatching.add(heard);
    try {
      const {users} = await this.connection.request('presence.watch', {userIds});
      users.forEach(entry => this.people.set(String(entry.userId), short(entry)));
      heard.forEach((entry, userId) => this.people.set(userId, entry));
      this.dispatchEvent(new CustomEvent('change', {detail: {userIds: users.map(entry => String(entry.userId))}}));
    } catch (error) {
      // The next change on screen, or the next reconnect, asks again; until then the dots show what was last known.
      this.watching = null;
      console.warn('presence not watched:', error.slug || error);
    } finally {
      this.heardWhileWatching.delete(heard);
    }
  }

  /** What the server told of some people: one announcing round's changes, or one's own choice. */
  heard(users) {
    users.forEach(entry => {
      const userId = String(entry.userId);
      this.people.set(userId, short(entry));
      this.heardWhileWatching.forEach(heard => heard.set(userId, short(entry)));
    });
    this.dispatchEvent(new CustomEvent('change', {detail: {userIds: users.map(entry => String(entry.userId))}}));
  }

  heartbeat() {
    if (this.connection.state === 'open') {
      this.connection.request('presence.heartbeat', {idle: this.idle.idle}).catch(() => {
        // Dropped with the connection; the next open sends one again.
      });
    }
  }
}

function short({state, text, emoji}) {
  return {state, text: text || '', emoji: emoji || ''};
}
