import {api} from './api.js';
import {Attention} from './attention.js';
import {Chat} from './chat.js';
import {Connection} from './connection.js';
import {byId, show} from './dom.js';
import {wordsFor} from './errors.js';
import {bindRoomShortcuts, bindSearchShortcut} from './shortcuts.js';
import {Sound} from './sound.js';
import {mountMessageActions} from './message-actions.js';
import {mountModeration} from './moderation.js';
import {mountTyping} from './typing.js';
import {followConversationMembers} from './conversation-members.js';
import {roomLabel} from './room-names.js';
import {MessageJump} from './message-jump.js';
import {readHash, roomHash} from './message-links.js';
import {mountReads} from './reads.js';
import {mountFiles} from './files.js';
import {mountDrafts} from './composer-drafts.js';
import {Drafts} from './drafts.js';
import {UserStorage} from './user-storage.js';
import {mountAnnouncements} from './announcements.js';
import {adminApi} from './admin-api.js';
import {Permissions} from './permissions.js';
import {Presence} from './presence.js';
import {mountPresence} from './presence-views.js';
import {mountPush} from './push.js';
import {SignOut, takeSignedOutNotice} from './sign-out.js';
import {TenantEvents} from './tenant-events.js';
import {Store} from './store.js';
import {AccountDialog} from './views/account-dialog.js';
import {AuthView} from './views/auth-view.js';
import {ResetView} from './views/reset-view.js';
import {BrowseDialog} from './views/browse-dialog.js';
import {ComposerView} from './views/composer-view.js';
import {ConnectionBannerView} from './views/connection-banner-view.js';
import {CreateRoomDialog} from './views/create-room-dialog.js';
import {DrawerView} from './views/drawer-view.js';
import {MessageListView} from './views/message-list-view.js';
import {NewMessageDialog} from './views/new-message-dialog.js';
import {NoticeView} from './views/notice-view.js';
import {RoomHeaderView} from './views/room-header-view.js';
import {SearchDialog} from './views/search-dialog.js';
import {SidebarView} from './views/sidebar-view.js';
import {SoundToggleView} from './views/sound-toggle-view.js';

const NOT_FOUND = 'That message is not in that room, or too far back to find.';
const NOT_IN_ROOM = 'That link is to a room you are not in.';

const authView = new AuthView(user => startSession(user, null, null, true));
boot();

async function boot() {
  const bootMessage = byId('boot');
  try {
    // Asked together (index.html preloads them): for a signed-in visitor these are the next things needed. Asked
    // whatever comes next, too: a preloaded answer left unused would answer the first later fetch of its URL, say
    // with a 401 from before signing in.
    const rooms = api.rooms().catch(() => null);
    const grant = adminApi.myPermissions().catch(() => null);
    const me = await api.me();
    show(bootMessage, false);
    // A reset link is for someone who cannot sign in; it comes first even in a browser signed in as someone else.
    const resetCode = ResetView.codeInAddress();
    if (resetCode) {
      new ResetView({onSignedIn: user => startSession(user, null, null, true)}).show(resetCode);
    } else if (me) {
      await startSession(me, await rooms, await grant);
    } else {
      authView.show({notice: takeSignedOutNotice()});
    }
  } catch (error) {
    // An address that names no organisation stays so however often it is loaded.
    bootMessage.textContent = error.slug === 'tenant_not_found' ? wordsFor(error) : `${wordsFor(error)} Reload the page to try again.`;
  }
}

/**
 * Builds the chat screen for one signed-in user. Signing out reloads the page, so this runs once per page.
 * `justSignedIn`: through the form, in this tab (not a page load with a session already).
 */
async function startSession(me, rooms = null, grant = null, justSignedIn = false) {
  const store = new Store();
  store.me = me;
  const permissions = new Permissions(me.id);
  try {
    store.setRooms(rooms ?? await api.rooms());
    await permissions.load(grant);
  } catch (error) {
    authView.show({error: wordsFor(error)});
    return;
  }
  authView.hide();
  if (location.search) {
    // An invite link is spent once signed in.
    history.replaceState(null, '', location.pathname + location.hash);
  }

  const local = new UserStorage(permissions.tenantId, me.id);
  const drafts = new Drafts(local.area('drafts'));
  const connection = new Connection(`${location.origin}/eventbus`);
  const chat = new Chat(store, connection, {outbox: {waitForConnection: true, saved: local.area('outbox')}});
  const tenant = new TenantEvents(connection, permissions);
  const presence = new Presence({connection, chat});
  const sound = new Sound();
  const notices = new NoticeView();
  const push = mountPush({store, notices, justSignedIn});
  const attention = new Attention({store, settings: push.settings, presence});
  const signOut = new SignOut({connection, push, local});
  new AccountDialog({store, signOutEverywhere: () => signOut.everywhere()});
  const openRoom = roomId => { location.hash = roomHash(roomId); };
  const browse = new BrowseDialog(chat, {onOpenRoom: openRoom});
  const create = new CreateRoomDialog(chat, {onOpenRoom: openRoom});
  const newMessage = new NewMessageDialog(store, chat, {onOpenRoom: openRoom});
  const sidebar = new SidebarView(store, {
    onBrowse: () => browse.open(),
    onCreate: () => create.open(),
    onNewMessage: () => newMessage.open(),
    onSignOut: () => signOut.here(),
    permissions,
    presence,
    attention,
  });
  const drawer = new DrawerView(store);
  new SoundToggleView(sound);
  new RoomHeaderView(store, chat, notices, permissions, presence);
  const messages = new MessageListView(store, chat);
  const composer = new ComposerView(store, chat, messages);
  messages.addEventListener('jumped', () => composer.focus());
  new ConnectionBannerView(connection);
  const statusDialog = mountPresence({store, chat, presence});
  mountModeration({store, chat, connection, tenant, notices, permissions, presence,
    onMessageUser: userId => newMessage.messageUser(userId), onSetStatus: () => statusDialog.open()});
  mountTyping({store, chat, connection});
  followConversationMembers({store, chat});
  const {replyBar} = mountMessageActions({store, chat, connection, permissions, notices, composer});
  mountReads({store, chat, connection, permissions, messageList: messages});
  const roomFiles = mountFiles({store, permissions, composer, keptFiles: roomId => drafts.get(roomId).files});
  mountDrafts({store, composer, replyBar, roomFiles, drafts});
  const announcements = mountAnnouncements({store, chat, connection, permissions, notices, drawer});
  const jump = new MessageJump({store, chat, messages});
  const search = new SearchDialog({store, jump, notices, onOpenRoom: openRoom});
  byId('open-search').addEventListener('click', () => search.open());

  const showRoomFromHash = () => {
    const link = readHash(location.hash);
    const wanted = link ? store.room(link.roomId) : null;
    const state = wanted || store.defaultRoom();
    if (!state) {
      return;
    }
    if (state !== wanted || link.messageId) {
      history.replaceState(null, '', roomHash(state.room.id));
    }
    if (link?.messageId) {
      if (wanted) {
        jump.toId(state.room.id, link.messageId)
          .then(shown => shown || notices.show(NOT_FOUND), () => notices.show(NOT_FOUND));
      } else {
        notices.show(NOT_IN_ROOM);
      }
    }
    if (store.currentRoomId !== state.room.id) {
      store.setCurrent(state.room.id);
      composer.focus();
    }
  };
  window.addEventListener('hashchange', showRoomFromHash);
  const showTitle = () => {
    const count = attention.titleCount();
    document.title = count ? `(${count}) Parley` : 'Parley';
  };
  attention.addEventListener('change', showTitle);
  store.addEventListener('rooms', () => {
    showTitle();
    if (!store.current()) {
      showRoomFromHash();
    }
  });
  store.addEventListener('news', ({detail}) => {
    if (!detail.inView && attention.chimes(detail)) {
      sound.chime();
    }
  });
  document.addEventListener('visibilitychange', () => store.setPageVisible(document.visibilityState === 'visible'));
  store.setPageVisible(document.visibilityState === 'visible');
  if (navigator.userActivation?.hasBeenActive) {
    sound.unlock();
  }
  for (const gesture of ['pointerdown', 'keydown']) {
    document.addEventListener(gesture, () => sound.unlock(), {once: true, capture: true});
  }
  bindRoomShortcuts(store, openRoom);
  bindSearchShortcut(() => search.open());
  chat.addEventListener('room-removed', ({detail: {room, reason}}) => notices.show({
    deleted: `${roomLabel(room, store.me)} was deleted.`, kicked: `You were removed from ${roomLabel(room, store.me)}.`,
  }[reason] || `You left ${roomLabel(room, store.me)}.`));
  chat.addEventListener('signed-out', () => signOut.ended());
  chat.addEventListener('command-output', ({detail}) => notices.show(detail.text));

  sidebar.renderMe();
  sidebar.renderRooms();
  show(byId('chat'), true);
  showRoomFromHash();
  chat.start();
  composer.focus();
  // For the browser tests and for poking at a live session from the console.
  window.parley = Object.freeze({store, connection, chat, sound, presence, announcements});
}
