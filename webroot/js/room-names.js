/**
 * What to call a room. A channel has its name; a DM is called after the other person; a group by its name, or by
 * its other members' names when it has none. The server sends a DM's and group's members with the room.
 */

export function isConversation(room) {
  return room.kind === 'dm' || room.kind === 'group';
}

function others(room, me) {
  const members = room.members || [];
  const rest = members.filter(member => member.id !== me?.id);
  return rest.length ? rest : members;
}

function nameOf(member) {
  return member.displayName || member.username;
}

/** The name alone: "general", "Bob B.", "Trip planning", "Ann A., Bob B.". */
export function roomTitle(room, me) {
  if (room.kind === 'dm') {
    return others(room, me).map(nameOf)[0] || 'Direct message';
  }
  if (room.kind === 'group') {
    return room.name || others(room, me).map(nameOf).join(', ') || 'Group';
  }
  return room.name;
}

/** As written in a sentence: "#general", "Bob B.", "Trip planning". */
export function roomLabel(room, me) {
  return isConversation(room) ? roomTitle(room, me) : `#${room.name}`;
}

/** The other person of a DM (whose presence it shows), or null for any other room. */
export function dmPartner(room, me) {
  return room.kind === 'dm' ? others(room, me)[0] ?? null : null;
}

/** The sign before the name in the sidebar and the header; in the sidebar a DM's presence dot takes its place. */
export function roomGlyph(room) {
  if (room.kind === 'dm') {
    return '@';
  }
  if (room.kind === 'group') {
    return '&';
  }
  return room.private ? '🔒' : '#';
}
