import {byId} from './dom.js';

/** Tell the room again after this long while someone keeps typing (the server passes one per 2 s). */
const REFRESH_MS = 3000;
/** The server ends a typing state after 6 s; this is the fallback if that event is missed. */
const FORGET_MS = 7000;

/**
 * "Alice is typing…": while one types, `chat.typing` tells the room (again every few seconds, and `typing: false`
 * on sending, clearing the text or changing room); what others type shows on a line above the composer.
 */
export function mountTyping({store, chat, connection}) {
  const input = byId('composer-input');
  const line = byId('typing-line');
  const typists = new Map();
  let sentFor = null;
  let sentAt = 0;

  const tell = (roomId, typing) => connection.request('chat.typing', {roomId, typing}).catch(() => {});
  const stop = () => {
    if (sentFor) {
      tell(sentFor, false);
      sentFor = null;
    }
  };

  input.addEventListener('input', () => {
    const roomId = store.currentRoomId;
    if (!roomId || !input.value.trim()) {
      stop();
      return;
    }
    if (sentFor !== roomId || Date.now() - sentAt > REFRESH_MS) {
      if (sentFor && sentFor !== roomId) {
        stop();
      }
      tell(roomId, true);
      sentFor = roomId;
      sentAt = Date.now();
    }
  });
  byId('composer').addEventListener('submit', stop);
  store.addEventListener('current', () => {
    stop();
    render();
  });

  const forget = (roomId, userId) => {
    const inRoom = typists.get(roomId);
    const typist = inRoom?.get(userId);
    if (typist) {
      clearTimeout(typist.timer);
      inRoom.delete(userId);
      render();
    }
  };

  chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
    if (event.type === 'typing' && event.userId !== store.me.id) {
      forget(roomId, event.userId);
      if (event.typing) {
        if (!typists.has(roomId)) {
          typists.set(roomId, new Map());
        }
        const timer = setTimeout(() => forget(roomId, event.userId), FORGET_MS);
        typists.get(roomId).set(event.userId, {name: event.displayName, timer});
        render();
      }
    } else if (event.type === 'message.new') {
      forget(roomId, event.message.author.id);
    }
  });

  function render() {
    const names = [...(typists.get(store.currentRoomId)?.values() ?? [])].map(typist => typist.name);
    line.textContent = sentence(names);
  }
}

function sentence(names) {
  if (names.length === 0) {
    return '';
  }
  if (names.length === 1) {
    return `${names[0]} is typing…`;
  }
  if (names.length === 2) {
    return `${names[0]} and ${names[1]} are typing…`;
  }
  return 'Several people are typing…';
}
