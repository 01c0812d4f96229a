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
  return inbox;
}
