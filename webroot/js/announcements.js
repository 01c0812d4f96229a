import {AnnouncementInbox} from './announcement-inbox.js';
import {AnnouncementBanners} from './views/announcement-banners.js';
import {AnnouncementsDialog} from './views/announcements-dialog.js';
import {AnnouncementsEntry} from './views/announcements-entry.js';

/**
 * What announcements add to the chat screen: the sidebar entry with its unread badge, the banners of those awaiting
 * one's acknowledgement, and the Announcements dialog (inbox; with `manage_announcements`, the composer and what one
 * sent, with its counts). Their events come on one's own address, through `Chat`'s `user-event`. Answers the inbox.
 */
export function mountAnnouncements({store, chat, connection, permissions, notices, drawer}) {
  const inbox = new AnnouncementInbox(store.me.id);
  const dialog = new AnnouncementsDialog({store, inbox, permissions, notices});
  new AnnouncementsEntry({inbox, onOpen: () => dialog.open()});
  new AnnouncementBanners({inbox, notices, onOpen: id => dialog.open({reveal: id})});
  chat.addEventListener('user-event', ({detail: {event}}) => {
    if (event.type.startsWith('announcement.')) {
      inbox.onEvent(event);
      dialog.onEvent(event);
    }
  });
  // Nothing is queued for a closed connection: what was sent, read or withdrawn meanwhile comes with the list.
  connection.addEventListener('open', () => inbox.load());
  inbox.load();
  drawer.countAlso(inbox);
  openFromAddress({store, inbox, dialog});
  return inbox;
}

const ANNOUNCEMENT_HASH = /^#\/announcements\/([0-9]+)$/;

/**
 * A push's link, `#/announcements/<id>`, opens that announcement. The address goes back to the room on screen
 * before the room routing (app.js, listening after this) reads it, so the room stays as it was.
 */
function openFromAddress({store, inbox, dialog}) {
  const open = () => {
    const match = ANNOUNCEMENT_HASH.exec(location.hash);
    if (!match) {
      return;
    }
    const room = store.currentRoomId;
    history.replaceState(null, '', room ? `#/room/${encodeURIComponent(room)}` : location.pathname);
    inbox.load().then(() => dialog.open({reveal: match[1]}));
  };
  window.addEventListener('hashchange', open);
  open();
}
