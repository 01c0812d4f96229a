import {byId, el, fullTime, shortTime} from '../dom.js';
import {formatMessage} from '../format.js';
import {decorateMessage, isPlainText} from './message-row-extras.js';

const GROUP_WITHIN_MS = 5 * 60 * 1000;
const LOAD_OLDER_WITHIN_PX = 300;
const AT_BOTTOM_WITHIN_PX = 48;
const AVATAR_COLOURS = 8;

/**
 * The open room's messages, oldest at the top. Nodes are keyed (stored messages by seq, pending ones by
 * clientMsgId) and reused, so a render only touches what changed. It stays at the bottom when the reader was at
 * the bottom, and otherwise keeps the message in view steady, also when older pages are put above it.
 */
export class MessageListView {
  constructor(store, chat) {
    this.store = store;
    this.chat = chat;
    this.scroller = byId('message-scroller');
    this.list = byId('message-list');
    this.status = byId('history-status');
    this.nodes = new Map();
    this.keys = new WeakMap();
    this.roomId = null;
    this.scroller.addEventListener('scroll', () => this.maybeLoadOlder());
    this.list.addEventListener('click', event => {
      const retry = event.target.closest('button[data-retry]');
      if (retry) {
        chat.retry(this.roomId, retry.dataset.retry);
      }
    });
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
    this.nodes.clear();
    this.list.replaceChildren();
    this.render();
    this.scrollToBottom();
    const state = this.store.room(roomId);
    if (state && !state.loaded) {
      this.chat.loadLatest(roomId).catch(() => this.render());
    }
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  isAtBottom() {
    const {scrollHeight, scrollTop, clientHeight} = this.scroller;
    return scrollHeight - scrollTop - clientHeight <= AT_BOTTOM_WITHIN_PX;
  }

  render() {
    const state = this.store.room(this.roomId);
    const stick = this.isAtBottom();
    const anchor = stick ? null : this.visibleAnchor();
    const items = state ? [...state.sortedMessages(), ...state.pending.values()] : [];
    const wanted = [];
    let previous = null;
    for (const item of items) {
      const key = isPending(item) ? `p:${item.clientMsgId}` : `s:${item.seq}`;
      const continued = this.continues(previous, item);
      let entry = this.nodes.get(key);
      if (!entry || entry.item !== item || entry.continued !== continued) {
        const node = this.build(item, continued);
        entry?.node.replaceWith(node);
        entry = {item, continued, node, key};
        this.nodes.set(key, entry);
        this.keys.set(node, key);
      }
      wanted.push(entry);
      previous = item;
    }
    const keep = new Set(wanted.map(entry => entry.key));
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
    this.status.textContent = this.statusText(state);
    if (stick) {
      this.scrollToBottom();
    } else if (anchor && this.nodes.has(anchor.key)) {
      // By key: the anchor's node itself may have been rebuilt, e.g. when a page above joins it to a group.
      this.scroller.scrollTop = this.nodes.get(anchor.key).node.offsetTop - anchor.offset;
    }
    this.maybeLoadOlder();
  }

  /** The first message at least partly in view, and where it is, so it can be put back there. */
  visibleAnchor() {
    const top = this.scroller.scrollTop;
    for (const node of this.list.children) {
      if (node.offsetTop + node.offsetHeight > top) {
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
    return state.hasOlder ? '' : `This is the very beginning of #${state.room.name}.`;
  }

  continues(previous, item) {
    return previous !== null
      && authorOf(previous, this.store.me).id === authorOf(item, this.store.me).id
      && previous.state !== 'failed' && isPlainText(previous) && isPlainText(item)
      && new Date(item.createdAt) - new Date(previous.createdAt) < GROUP_WITHIN_MS;
  }

  build(item, continued) {
    const pending = isPending(item);
    const author = authorOf(item, this.store.me);
    const classes = ['message',
      continued ? 'is-continued' : 'starts-group',
      pending && 'is-pending',
      item.state === 'failed' && 'is-failed',
      author.id === this.store.me.id && 'is-mine'];
    const time = el('time', {className: 'message-time', dateTime: item.createdAt, title: fullTime(item.createdAt)},
      shortTime(item.createdAt));
    return decorateMessage(el('li', {
      className: classes.filter(Boolean).join(' '),
      dataset: {seq: pending ? undefined : String(item.seq), clientMsgId: item.clientMsgId || undefined, authorId: author.id},
    },
    el('div', {className: 'message-gutter'}, continued ? time : avatar(author)),
    el('div', {className: 'message-main'},
      continued ? null : el('div', {className: 'message-meta'},
        el('span', {className: 'message-author', title: `@${author.username}`}, author.displayName || author.username),
        time),
      el('div', {className: 'message-body'}, formatMessage(item.content)),
      pending && item.state === 'sending' ? el('span', {className: 'visually-hidden'}, 'Sending…') : null,
      item.state === 'failed' ? el('div', {className: 'message-error', role: 'alert'},
        el('span', {}, `Not sent: ${item.error}`),
        el('button', {type: 'button', className: 'link-button', dataset: {retry: item.clientMsgId}}, 'Retry')) : null)), item, author);
  }
}

function isPending(item) {
  return item.seq === undefined;
}

function authorOf(item, me) {
  return isPending(item) ? me : item.author;
}

function avatar(author) {
  const name = author.displayName || author.username;
  let hash = 0;
  for (const character of author.username) {
    hash = (hash * 31 + character.codePointAt(0)) >>> 0;
  }
  return el('span', {className: `avatar avatar-${hash % AVATAR_COLOURS}`, 'aria-hidden': 'true'},
    [...name][0].toUpperCase());
}
