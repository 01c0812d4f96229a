import {followMemberUpdates} from './member-updates.js';

/**
 * What roles and moderation add to the chat screen. Each part shows only what `permissions` allows. Kicks are
 * handled with the other ways of losing a room, in chat.js.
 */
export function mountModeration({store, chat, connection, notices, permissions}) {
  followMemberUpdates({store, chat, connection, permissions});
}
