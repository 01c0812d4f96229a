import {announcementsApi} from './announcements-api.js';

/** Events about an announcement this page does not hold are settled by asking for the list again, once. */
const RELOAD_DELAY_MS = 300;

/**
 * The announcements one received: the server's list (`GET /api/announcements`, at start and after every reconnect,
 * since events are not queued for a closed connection) kept live by `announcement.new`, `.read`, `.withdrawn` and
 * `.reactions` on one's own address. `unreadCount` starts as the server's and moves only when an announcement held
 * here changes from unread, so the reply to one's own read and the event that follows it count once.
 *
 * Event: `change` whenever what is held or the count changed.
 */
export class AnnouncementInbox extends EventTarget {
  constructor(myId) {
    super();
    this.myId = myId;
    this.items = new Map();
    this.unreadCount = 0;
    this.more = false;
    this.loaded = false;
    this.loading = null;
    this.stale = false;
    this.reloadTimer = null;
    this.marking = new Set();
  }

  /** A list asked for while another is on its way is asked again after it, so nothing heard meanwhile is lost. */
  load() {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = announcementsApi.inbox()
      .then(({unread, read, unreadCount, more, awaitingAck}) => {
        // Those still to acknowledge come whole, however old, so that each has its banner.
        this.items = new Map([...awaitingAck, ...unread, ...read].map(item => [item.id, item]));
        this.unreadCount = unreadCount;
        this.more = more;
        this.loaded = true;
        this.changed();
      })
      .catch(error => console.warn('announcements not loaded:', error.slug || error))
      .finally(() => {
        this.loading = null;
        if (this.stale) {
          this.stale = false;
          this.load();
        }
      });
    return this.loading;
  }

  async loadOlder() {
    const oldest = this.read().at(-1);
    if (!this.more || !oldest) {
      return;
    }
    const {read, more} = await announcementsApi.inbox(oldest.id);
    read.forEach(item => this.items.has(item.id) || this.items.set(item.id, item));
    this.more = more;
    this.changed();
  }

  unread() {
    return newestFirst([...this.items.values()].filter(item => !item.readAt));
  }

  read() {
    return newestFirst([...this.items.values()].filter(item => item.readAt));
  }

  /** Those whose sender asked for an acknowledgement not given yet: each has a banner until it is. */
  awaitingAck() {
    return newestFirst([...this.items.values()].filter(item => item.requireAck && !item.ackedAt));
  }

  get(id) {
    return this.items.get(id);
  }

  onEvent(event) {
    if (this.loading) {
      this.stale = true;
    }
    const held = this.items.get(event.announcementId);
    if (event.type === 'announcement.new') {
      this.put(event.announcement);
    } else if (event.type === 'announcement.read') {
      held ? this.put({...held, readAt: event.readAt, ackedAt: event.ackedAt ?? held.ackedAt}) : this.reloadSoon();
    } else if (event.type === 'announcement.withdrawn') {
      held ? this.remove(held) : this.reloadSoon();
    } else if (event.type === 'announcement.reactions' && held) {
      this.put(withReactions(held, event, this.myId));
    }
  }

  /** Marks it read once it has been seen; any number of calls make one request. */
  async markRead(id) {
    const item = this.items.get(id);
    if (!item || item.readAt || this.marking.has(id)) {
      return;
    }
    this.marking.add(id);
    try {
      this.put(await this.forgettingWithdrawn(id, announcementsApi.read(id)));
    } catch (error) {
      console.warn('announcement not marked read:', error.slug || error);
    } finally {
      this.marking.delete(id);
    }
  }

  async acknowledge(id) {
    this.put(await this.forgettingWithdrawn(id, announcementsApi.acknowledge(id)));
  }

  async react(id, emoji, on) {
    this.put(await this.forgettingWithdrawn(id, announcementsApi.react(id, emoji, on)));
  }

  /** Withdrawn while this page was not listening: it goes from here too, and the refusal still reaches the caller. */
  async forgettingWithdrawn(id, request) {
    try {
      return await request;
    } catch (error) {
      const held = this.items.get(id);
      if (error.slug === 'announcement_not_found' && held) {
        this.remove(held);
      }
      throw error;
    }
  }

  /** Readings only move forward: a copy that says unread does not undo a read this page already knows of. */
  put(item) {
    const held = this.items.get(item.id);
    const merged = held ? {...item, readAt: item.readAt ?? held.readAt, ackedAt: item.ackedAt ?? held.ackedAt} : item;
    if (held && !held.readAt && merged.readAt) {
      this.unreadCount = Math.max(0, this.unreadCount - 1);
    } else if (!held && !merged.readAt) {
      this.unreadCount++;
    }
    this.items.set(item.id, merged);
    this.changed();
  }

  remove(item) {
    this.items.delete(item.id);
    if (!item.readAt) {
      this.unreadCount = Math.max(0, this.unreadCount - 1);
    }
    this.changed();
  }

  reloadSoon() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.load(), RELOAD_DELAY_MS);
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * The reactions after an `announcement.reactions` event: its tally, with `mine` carried over from what was held and
 * moved by the changes that name me.
 */
export function withReactions(item, event, myId) {
  const mine = new Set(item.reactions.filter(reaction => reaction.mine).map(reaction => reaction.emoji));
  for (const change of event.changes ?? []) {
    if (change.userId === myId) {
      change.on ? mine.add(change.emoji) : mine.delete(change.emoji);
    }
  }
  return {...item, reactions: event.reactions.map(reaction => ({...reaction, mine: mine.has(reaction.emoji)}))};
}

function newestFirst(items) {
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || Number(b.id) - Number(a.id));
}
