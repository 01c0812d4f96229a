/**
 * Whether a stored message names this user: the server resolved its mentions when it was stored (`mentions` holds
 * user ids; `mentionsRoom` is @room or @here from someone allowed to ping everyone). One's own messages never do.
 */
export function mentionsMe(message, me) {
  if (!me || message.seq === undefined || message.deleted || message.author?.id === me.id) {
    return false;
  }
  return Boolean(message.mentionsRoom) || (message.mentions ?? []).includes(me.id);
}
