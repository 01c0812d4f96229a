import {roomLabel} from '../js/room-names.js';
import {mountUnread} from '../js/unread.js';
import {ConversationView} from './conversation-view.js';
import {RoomListView} from './room-list-view.js';

const CONNECTION_TEXT = {connecting: 'Connecting…', waiting: 'Disconnected. Reconnecting…'};

/** The list and conversation views of one signed-in session; answers what takes them off the frame again. */
export function mountSession(frame, {store, connection, chat}) {
  const conversation = new ConversationView(store, chat);
  const list = new RoomListView(store, roomId => openRoom(roomId));
  mountUnread({store, chat, connection, messageList: conversation, scroller: conversation.scroller});

  function openRoom(roomId) {
    const state = store.room(roomId);
    if (!state) {
      return;
    }
    frame.say('');
    frame.show(roomLabel(state.room, store.me), conversation.node, {canGoBack: true});
    store.setCurrent(state.room.id);
    conversation.show(state.room.id);
    conversation.focus();
  }

  function showList() {
    const left = store.currentRoomId;
    store.setCurrent(null);
    frame.show('Chat', list.node);
    list.focus(left);
  }

  // While the panel is closed no room is current, so what arrives counts as unread; it opens again where it was.
  let closedIn = null;
  const onBack = () => showList();
  const onOpened = () => {
    if (closedIn && store.room(closedIn)) {
      openRoom(closedIn);
    } else {
      frame.show('Chat', list.node);
      list.focus();
    }
    closedIn = null;
  };
  const onClosed = () => {
    closedIn = store.currentRoomId;
    store.setCurrent(null);
  };
  frame.addEventListener('back', onBack);
  frame.addEventListener('opened', onOpened);
  frame.addEventListener('closed', onClosed);

  store.addEventListener('rooms', () => frame.setUnread(store.totalUnread()));
  connection.addEventListener('state', ({detail: {state}}) => frame.setConnectionText(CONNECTION_TEXT[state] ?? ''));
  chat.addEventListener('room-removed', ({detail: {room, reason}}) => {
    if (String(room.id) === store.currentRoomId) {
      showList();
    }
    frame.say({deleted: `${roomLabel(room, store.me)} was deleted.`, kicked: `You were removed from ${roomLabel(room, store.me)}.`}[reason]
      || `You left ${roomLabel(room, store.me)}.`);
  });
  chat.addEventListener('command-output', ({detail}) => frame.say(detail.text));
  store.setPageVisible(document.visibilityState === 'visible');
  frame.setUnread(store.totalUnread());
  frame.show('Chat', list.node);
  return () => {
    frame.removeEventListener('back', onBack);
    frame.removeEventListener('opened', onOpened);
    frame.removeEventListener('closed', onClosed);
  };
}
