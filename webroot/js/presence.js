import {IdleWatch} from './idle.js';

/**
 * Who is around, as the server tells it: `presence.list` after every (re)connect, then `presence.changed` on the
 * tenant address. Also this page's part: a `presence.heartbeat` on every (re)connect and whenever the person goes
 * idle or comes back (idle.js), and `presence.set` for the status one chooses.
 *
 * Event: `change` (detail: {userIds}: the people whose presence changed, or null when the whole list was loaded).
 */
export class Presence extends EventTarget {
  constructor({connection, tenant, idle = new IdleWatch()}) {
    super();
    this.connection = connection;
    this.idle = idle;
    this.people = new Map();
    this.heardWhileLoading = null;
    tenant.addEventListener('event', ({detail: {event}}) => {
      if (event.type === 'presence.changed') {
        this.heard(event);
      }
    });
    connection.addEventListener('open', () => {
      this.heartbeat();
      this.load();
    });
    idle.addEventListener('change', () => this.heartbeat());
  }

  /** {state, text, emoji} of someone, or undefined before the list came. */
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
    this.heard(presence);
    return presence;
  }

  async load() {
    this.heardWhileLoading = new Map();
    try {
      const {users} = await this.connection.request('presence.list', {});
      // A change heard while the list was on its way is newer than the list.
      const heard = this.heardWhileLoading;
      this.people = new Map(users.map(entry => [String(entry.userId), short(entry)]));
      heard.forEach((entry, userId) => this.people.set(userId, entry));
      this.dispatchEvent(new CustomEvent('change', {detail: {userIds: null}}));
    } catch (error) {
      // The next reconnect asks again; until then the dots show what was last known.
      console.warn('presence not loaded:', error.slug || error);
    } finally {
      this.heardWhileLoading = null;
    }
  }

  heard(event) {
    const userId = String(event.userId);
    this.people.set(userId, short(event));
    this.heardWhileLoading?.set(userId, short(event));
    this.dispatchEvent(new CustomEvent('change', {detail: {userIds: [userId]}}));
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
