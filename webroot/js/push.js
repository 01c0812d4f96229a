import {byId} from './dom.js';
import {PushDevice} from './push-device.js';
import {PushSettings} from './push-settings.js';
import {NotificationsDialog} from './views/notifications-dialog.js';
import {PushPrompt} from './views/push-prompt.js';
import {RoomLevelChoice} from './views/room-level-choice.js';

/**
 * What push notifications add to the chat screen: the service worker, the prompt offered right after signing in
 * through the form (`justSignedIn`), the Notifications dialog behind the sidebar's settings button, and the room
 * header's choice of what the room notifies of. Answers `settings` (what to notify of, which attention.js follows
 * too) and `forget`, for signing out: the next person on this browser gets nothing of ours.
 */
export function mountPush({store, notices, justSignedIn}) {
  const device = new PushDevice();
  const settings = new PushSettings();
  device.start();
  settings.load().catch(() => {});
  new RoomLevelChoice({store, settings, notices});
  const dialog = new NotificationsDialog({device, settings});
  byId('notification-settings').addEventListener('click', () => dialog.open());
  if (justSignedIn && PushPrompt.wanted(device)) {
    new PushPrompt({device, notices}).show();
  }
  return {
    settings,
    /** `tellServer` while the session still works (the Sign out button), not once it has ended. */
    forget: ({tellServer}) => device.forget({tellServer}),
  };
}
