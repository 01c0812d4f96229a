import {byId, show} from '../dom.js';
import {messageRows} from './message-rows.js';
import {roomLabel} from '../room-names.js';

const LOAD_OLDER_WITHIN_PX = 300;
const AT_BOTTOM_WITHIN_PX = 48;
const JUMP_BUTTON_AFTER_PX = 160;
const MARKER_MARGIN_PX = 24;
const HIGHLIGHT_MS = 2500;
const SHOWN_MARK = 'parley:chat-shown';

/**
 * The open room's messages, oldest at the top. Rows are keyed (messages by seq or clientMsgId, day separators by
 * day, the new-messages line by itself) and their nodes reused, so a render only touches what changed. The view
 * stays at the bottom when the reader was at the bottom and otherwise keeps the message in view steady, also
 * when older pages are put above it. Scrolled up, a button counts what arrived below and jumps back down
 * (event `jumped`).
 */
export class MessageListView extends EventTarget {
  constructor(store, chat) {
    super();
    this.store = store;
    this.chat = chat;
    this.scroller = byId('message-scroller');
    this.list = byId('message-list');
    this.status = byId('history-status');
    this.jumpButton = byId('jump-latest');
    this.jumpText = byId('jump-latest-text');
    this.nodes = new Map();
    this.keys = new WeakMap();
    this.roomId = null;
    this.unseenBelow = 0;
    this.positionPending = false;
    this.stuckToBottom = true;
    this.scroller.addEventListener('scroll', () => this.onScroll());
    this.jumpButton.addEventListener('click', () =>
      this.jumpToLatest().then(() => this.dispatchEvent(new Event('jumped'))));
    // A narrower window or a taller composer must not push the newest message out of view.
    new ResizeObserver(() => this.stuckToBottom && this.scrollToBottom()).observe(this.scroller);
    this.list.addEventListener('click', event => {
      const retry = event.target.closest('button[data-retry]');
      if (retry) {
        chat.retry(this.roomId, retry.dataset.retry);
      }
    });
    store.addEventListener('news', event => this.onNews(event.detail));
    store.addEventListener('messages', event => {
      if (event.detail.roomId === this.roomId) {
        this.render();
      }
    });
    store.addEventListener('current', () => this.open(store.currentRoomId));
  }

  open(roomId) {
    if (roomId === this.roomId) {
      return;
    }
    this.roomId = roomId;
    this.unseenBelow = 0;
    this.positionPending = true;
    this.nodes.clear();
    this.list.replaceChildren();
    this.render();
    const state = this.store.room(roomId);
    if (state && !state.loaded) {
      this.chat.loadLatest(roomId).catch(() => this.render());
    }
  }

  /** Messages from others arrived in the open room; unless the reader is watching the bottom, they are unseen. */
  onNews({roomId, firstSeq, count, inView}) {
    const state = this.store.room(roomId);
    if (roomId !== this.roomId || !inView || !state || (this.isAtBottom() && !state.hasNewer)) {
      return;
    }
    if (this.unseenBelow === 0) {
      this.store.placeMarker(roomId, firstSeq);
    }
    this.unseenBelow += count;
  }

  async jumpToLatest() {
    await this.chat.jumpToLatest(this.roomId);
    this.unseenBelow = 0;
    this.scrollToBottom();
  }

  /** Scrolls a message of the open room to the middle of the view and marks it a moment. Answers whether it is shown. */
  reveal(seq) {
    const entry = this.nodes.get(`s:${seq}`);
    if (!entry) {
      return false;
    }
    this.positionPending = false;
    entry.node.scrollIntoView({block: 'center'});
    this.stuckToBottom = this.isAtBottom() && !this.store.room(this.roomId)?.hasNewer;
    this.updateJumpButton();
    entry.node.classList.add('is-highlighted');
    setTimeout(() => entry.node.classList.remove('is-highlighted'), HIGHLIGHT_MS);
    return true;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.stuckToBottom = true;
    this.updateJumpButton();
  }

  distanceFromBottom() {
    const {scrollHeight, scrollTop, clientHeight} = this.scroller;
    return scrollHeight - scrollTop - clientHeight;
  }

  isAtBottom() {
    return this.distanceFromBottom() <= AT_BOTTOM_WITHIN_PX;
  }

  onScroll() {
    const state = this.store.room(this.roomId);
    this.stuckToBottom = this.isAtBottom() && !state?.hasNewer;
    if (this.stuckToBottom) {
      this.unseenBelow = 0;
    }
    this.updateJumpButton();
    this.maybeLoadOlder();
  }

  updateJumpButton() {
    const state = this.store.room(this.roomId);
    const wanted = Boolean(state?.loaded) && (state.hasNewer || this.distanceFromBottom() > JUMP_BUTTON_AFTER_PX);
    show(this.jumpButton, wanted);
    const count = this.unseenBelow;
    this.jumpText.textContent = count ? `${count} new message${count === 1 ? '' : 's'}` : 'Jump to latest';
  }

  render() {
    const state = this.store.room(this.roomId);
    const stick = this.isAtBottom() && !state?.hasNewer;
    const anchor = stick ? null : this.visibleAnchor();
    this.reconcile(messageRows(state, this.store.me));
    this.status.textContent = this.statusText(state);
    if (this.positionPending && state?.loaded) {
      this.positionPending = false;
      this.showFirstUnseen();
      // What scripts/bench-web times: from navigation to the first room's messages on screen.
      if (performance.getEntriesByName(SHOWN_MARK).length === 0) {
        performance.mark(SHOWN_MARK);
      }
    } else if (stick) {
      this.scrollToBottom();
    } else if (anchor && this.nodes.has(anchor.key)) {
      // By key: the anchor's node itself may have been rebuilt, e.g. when a page above joins it to a group.
      this.scroller.scrollTop = this.nodes.get(anchor.key).node.offsetTop - anchor.offset;
    }
    this.updateJumpButton();
    this.maybeLoadOlder();
  }

  /** On opening a room: the new-messages line near the top when it would be out of view, else the bottom. */
  showFirstUnseen() {
    const marker = this.nodes.get('marker');
    if (marker) {
      // Past the end, scrollTop stops at the bottom: a line already in the last screenful leaves the view there.
      this.scroller.scrollTop = marker.node.offsetTop - MARKER_MARGIN_PX;
      this.stuckToBottom = this.isAtBottom();
    } else {
      this.scrollToBottom();
    }
  }

  /** Puts the rows' nodes in the list in order, building only those that are new or changed. */
  reconcile(rows) {
    const wanted = [];
    for (const row of rows) {
      let entry = this.nodes.get(row.key);
      if (!entry || entry.item !== row.item || entry.variant !== row.variant) {
        const node = row.build();
        entry?.node.replaceWith(node);
        entry = {item: row.item, variant: row.variant, node, key: row.key};
        this.nodes.set(row.key, entry);
        this.keys.set(node, row.key);
      }
      wanted.push(entry);
    }
    const keep = new Set(rows.map(row => row.key));
    for (const [key, entry] of this.nodes) {
      if (!keep.has(key)) {
        entry.node.remove();
        this.nodes.delete(key);
      }
    }
    let cursor = this.list.firstChild;
    for (const {node} of wanted) {
      if (node === cursor) {
        cursor = cursor.nextSibling;
      } else {
        this.list.insertBefore(node, cursor);
      }
    }
  }

  /**
   * The first message at least partly in view, and where it is, so it can be put back there. Not a day
   * separator: the one for the top day moves up whenever an older page of that day arrives.
   */
  visibleAnchor() {
    const top = this.scroller.scrollTop;
    for (const node of this.list.children) {
      if (node.classList.contains('message') && node.offsetTop + node.offsetHeight > top) {
        return {key: this.keys.get(node), offset: node.offsetTop - top};
      }
    }
    return null;
  }

  maybeLoadOlder() {
    if (this.roomId && this.scroller.scrollTop < LOAD_OLDER_WITHIN_PX) {
      this.chat.loadOlder(this.roomId).catch(() => {});
    }
  }

  statusText(state) {
    if (!state) {
      return '';
    }
    if (!state.loaded) {
      return this.chat.connection.state === 'open' ? 'Loading messages…' : 'Messages load once connected.';
    }
    if (state.loadingOlder) {
      return 'Loading older messages…';
    }
    return state.hasOlder ? '' : `This is the very beginning of ${roomLabel(state.room, this.store.me)}.`;
  }
}
