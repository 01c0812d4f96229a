import {MemberListView} from './views/member-list-view.js';
import {MyStatusView} from './views/my-status-view.js';
import {repaintMarks} from './views/presence-mark.js';
import {StatusDialog} from './views/status-dialog.js';

/**
 * What presence adds to the chat screen beyond the dots the sidebar and the room header draw themselves: the
 * Members panel, one's own status in the sidebar footer, the status dialog, and keeping every dot and status line
 * on the page current. Answers the status dialog, which the user menu opens too.
 */
export function mountPresence({store, chat, presence}) {
  presence.addEventListener('change', ({detail: {userIds}}) => repaintMarks(presence, userIds));
  const statusDialog = new StatusDialog({store, presence});
  new MyStatusView({store, presence, onOpen: () => statusDialog.open()});
  new MemberListView({store, chat, presence});
  return statusDialog;
}
