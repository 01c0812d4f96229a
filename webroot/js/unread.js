import {byId, el} from './dom.js';

/** A moment's settling, so scrolling to the bottom or a burst of messages makes one chat.read, not many. */
const READ_DELAY_MS = 300;

/**
 * Read state against the server. The counts come from the server (`GET /api/rooms`, every `chat.sync`, the
 * `read.cursor` event of another tab or device) and the store adds what arrives live; this tells the server what
 * has been read with `chat.read`: the newest message held of the open room, once the person can actually see it
 * (page visible and focused, scrolled to the bottom of the newest messages). Sending a message moves one's cursor on
 * the server, so one's own message (from any tab) clears the room's badges here too.
 */
export function mountUnread({store, chat, connection, messageList, scroller = byId('message-scroller')}) {
  const sending = new Map();
  let timer = null;

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(readIfSeen, READ_DELAY_MS);
  };

  async function readIfSeen() {
    const state = store.current();
    if (!state || !state.loaded || state.hasNewer || connection.state !== 'open' || !canSee() || !messageList.isAtBottom()) {
      return;
    }
    const roomId = state.room.id;
    const seq = state.newestSeq;
    if (seq <= state.readSeq || (sending.get(roomId) ?? 0) >= seq) {
      return;
    }
    sending.set(roomId, seq);
    try {
      const cursor = await connection.request('chat.read', {roomId, seq});
      const known = store.room(roomId);
      if (known) {
        store.setReadState(known, {readSeq: cursor.seq, unread: cursor.unread, mentions: cursor.mentions});
      }
    } catch (error) {
      // Not a member any more, or offline: the next change or reconnect tries again.
      console.warn('chat.read failed:', error.slug || error);
    } finally {
      if (sending.get(roomId) === seq) {
        sending.delete(roomId);
      }
    }
  }

  store.addEventListener('messages', ({detail}) => detail.roomId === store.currentRoomId && schedule());
  store.addEventListener('current', schedule);
  document.addEventListener('visibilitychange', schedule);
  window.addEventListener('focus', schedule);
  scroller.addEventListener('scroll', schedule, {passive: true});
  connection.addEventListener('open', schedule);

  chat.addEventListener('synced', ({detail: {rooms}}) => {
    for (const [roomId, page] of Object.entries(rooms)) {
      const state = store.room(roomId);
      if (state && page.unread !== undefined) {
        store.setReadState(state, {readSeq: page.readSeq, unread: page.unread, mentions: page.mentions});
      }
    }
  });
  chat.addEventListener('user-event', ({detail: {event}}) => {
    const state = event.type === 'read.cursor' ? store.room(event.roomId) : null;
    if (state) {
      store.setReadState(state, {readSeq: event.seq, unread: event.unread, mentions: event.mentions});
    }
  });
  chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
    const state = store.room(roomId);
    if (state && event.type === 'message.new' && event.message.author.id === store.me.id) {
      store.setReadState(state, {readSeq: event.message.seq, unread: 0, mentions: 0});
    }
  });
}

/** Whether the person can see the page: its tab is showing and its window has the focus. */
function canSee() {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * A room's badges in the sidebar: mentions of you (`@2`) apart from the unread count; in a `quiet` room (one that
 * notifies of mentions only, or of nothing) a dot says there is something unread, without counting it.
 */
export function roomBadges({unread, mentions}, {quiet = false} = {}) {
  const count = n => (n > 99 ? '99+' : String(n));
  const unreadMark = quiet
    ? el('span', {className: 'quiet-dot', title: 'Unread messages', 'aria-label': 'unread'})
    : el('span', {className: 'unread-badge', 'aria-label': `${unread} unread`}, count(unread));
  return [
    mentions ? el('span', {className: 'mention-badge', title: `${mentions} mention${mentions === 1 ? '' : 's'} of you`,
      'aria-label': `${mentions} mention${mentions === 1 ? '' : 's'}`}, `@${count(mentions)}`) : null,
    unread && !(quiet && mentions) ? unreadMark : null,
  ];
}
