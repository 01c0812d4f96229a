import {mountUnread} from './unread.js';
import {MentionAutocomplete} from './views/mention-autocomplete.js';
import {mountReceipts} from './views/receipts.js';

/**
 * What read cursors and mentions add to the chat screen: server-counted unread and mention badges and `chat.read`
 * (unread.js), `@` suggestions in the composer, and read receipts under messages. Mount it after the message list,
 * so receipts are drawn over rows already rendered.
 */
export function mountReads({store, chat, connection, permissions, messageList}) {
  mountUnread({store, chat, connection, messageList});
  new MentionAutocomplete({store, chat, permissions});
  mountReceipts({store, chat});
}
