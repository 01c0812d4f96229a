import {followMemberUpdates} from './member-updates.js';
import {AdminDialog} from './views/admin-dialog.js';
import {CommandSuggestions} from './views/command-suggestions.js';
import {UserMenu} from './views/user-menu.js';

/**
 * What roles and moderation add to the chat screen: the admin area, the user menu on people's names, slash-command
 * suggestions in the composer, and the live reactions to role and name changes. Each shows only what
 * `permissions` allows. Kicks are handled with the other ways of losing a room, in chat.js.
 */
export function mountModeration({store, chat, connection, tenant, notices, permissions, presence, onMessageUser, onSetStatus}) {
  new AdminDialog(permissions);
  new UserMenu({store, permissions, notices, presence, onMessageUser, onSetStatus});
  new CommandSuggestions(permissions);
  followMemberUpdates({store, chat, connection, permissions, tenant});
}
