import {api} from '../api.js';
import {byId, el} from '../dom.js';

/** Without a room kind (rooms from before DMs and groups), receipts show in rooms this small. */
const SMALL_ROOM = 10;
const AT_BOTTOM_WITHIN_PX = 48;

/**
 * Read receipts: each other member's initials under the last message they have read, in DMs and groups (room
 * `kind` `dm` or `group`; a room without a kind counts when it has at most 10 members; channels never). A member's
 * place is their read cursor (`readSeq` from `GET /api/rooms/<id>/members`, then `read.updated` events) or their own
 * newest message, whichever is further: sending means having read. Drawn over the message list after it renders,
 * so the rows themselves know nothing of receipts.
 */
export function mountReceipts({store, chat}) {
  const list = byId('message-list');
  const scroller = byId('message-scroller');
  const rooms = new Map();

  function wanted(state) {
    if (!state) {
      return false;
    }
    const kind = state.room.kind;
    return kind === 'dm' || kind === 'group' || kind === undefined;
  }

  async function load(roomId) {
    const state = store.room(roomId);
    if (!wanted(state) || rooms.has(roomId)) {
      return;
    }
    const cursors = new Map();
    rooms.set(roomId, cursors);
    try {
      const members = await api.members(roomId);
      const kind = store.room(roomId)?.room.kind;
      if (kind === undefined && members.length > SMALL_ROOM) {
        return;
      }
      for (const member of members) {
        cursors.set(member.id, {member, seq: Math.max(member.readSeq ?? 0, cursors.get(member.id)?.seq ?? 0)});
      }
      cursors.loaded = true;
      draw();
    } catch {
      rooms.delete(roomId);
    }
  }

  function moved(roomId, userId, seq) {
    const entry = rooms.get(roomId)?.get(userId);
    if (entry && seq > entry.seq) {
      entry.seq = seq;
      if (roomId === store.currentRoomId) {
        draw();
      }
    }
  }

  function draw() {
    list.querySelectorAll('.read-receipts').forEach(node => node.remove());
    const state = store.current();
    const cursors = state && rooms.get(state.room.id);
    if (!cursors?.loaded) {
      return;
    }
    const messages = state.sortedMessages();
    const under = new Map();
    for (const {member, seq} of cursors.values()) {
      if (member.id === store.me.id) {
        continue;
      }
      const last = lastAtOrBefore(messages, seq);
      if (last) {
        under.set(last.seq, [...(under.get(last.seq) ?? []), member]);
      }
    }
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= AT_BOTTOM_WITHIN_PX;
    for (const [seq, members] of under) {
      const row = list.querySelector(`.message[data-seq="${seq}"] .message-main`) ?? list.querySelector(`.message[data-seq="${seq}"]`);
      row?.append(receipts(members));
    }
    if (atBottom) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  store.addEventListener('current', () => {
    load(store.currentRoomId);
    draw();
  });
  store.addEventListener('messages', ({detail}) => detail.roomId === store.currentRoomId && draw());
  chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
    if (event.type === 'read.updated') {
      moved(roomId, event.userId, event.seq);
    } else if (event.type === 'message.new') {
      moved(roomId, event.message.author.id, event.message.seq);
    } else if (['member.joined', 'member.left'].includes(event.type)) {
      rooms.delete(roomId);
      if (roomId === store.currentRoomId) {
        load(roomId);
      }
    }
  });
  // Cursors that moved while disconnected were not heard: ask again after a reconnect.
  chat.addEventListener('synced', () => {
    rooms.clear();
    load(store.currentRoomId);
  });
  load(store.currentRoomId);
}

function lastAtOrBefore(messages, seq) {
  let found = null;
  for (const message of messages) {
    if (message.seq > seq) {
      break;
    }
    found = message;
  }
  return found;
}

/** The initials are drawn by CSS from data-initials, so they never become part of the message's text. */
function receipts(members) {
  const names = members.map(member => member.displayName || member.username);
  return el('div', {className: 'read-receipts', role: 'img', title: `Read by ${names.join(', ')}`, 'aria-label': `Read by ${names.join(', ')}`},
    ...members.map((member, index) => el('span', {className: 'receipt', dataset: {userId: member.id, initials: initials(names[index])}})));
}

function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]].map(word => [...word][0]) : [...(words[0] ?? '?')].slice(0, 1);
  return letters.join('').toUpperCase();
}
