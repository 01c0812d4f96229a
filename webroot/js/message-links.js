/**
 * The app's addresses: `#/room/<roomId>` opens a room, `#/room/<roomId>/message/<messageId>` (a message's permalink)
 * opens it at that message.
 */
const ROOM_HASH = /^#\/room\/([^/]+)(?:\/message\/([^/]+))?$/;

export function roomHash(roomId) {
  return `#/room/${encodeURIComponent(roomId)}`;
}

export function messageHash(roomId, messageId) {
  return `${roomHash(roomId)}/message/${encodeURIComponent(messageId)}`;
}

/** The absolute address of a stored message, to share. */
export function permalink(message) {
  return `${location.origin}${location.pathname}${messageHash(message.roomId, message.id)}`;
}

/** `{roomId, messageId}` (messageId null for a room's own address), or null when the hash names no room. */
export function readHash(hash) {
  const match = ROOM_HASH.exec(hash);
  try {
    return match ? {roomId: decodeURIComponent(match[1]), messageId: match[2] ? decodeURIComponent(match[2]) : null} : null;
  } catch {
    return null;
  }
}
