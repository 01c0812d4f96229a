import {personOf} from './person-names.js';

/**
 * Live changes to people and rooms: a `member.updated` renames the author and the quoted author on the messages
 * already shown (new ones carry the new name anyway; a deactivated person loses their name, and gets it back) and, when it is about oneself, updates `store.me` and reloads one's permissions; a
 * `room.updated` brings the room's new topic; a `role.updated` on the tenant address for one's own role reloads one's
 * permissions. Permissions are also reloaded after every reconnect, since a role change made meanwhile was not heard.
 */
export function followMemberUpdates({store, chat, connection, permissions, tenant}) {
  chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
    if (event.type === 'member.updated') {
      renameAuthor(store, roomId, event.user);
      if (event.user.id === store.me.id) {
        const {displayName, role, roleId} = event.user;
        store.me = {...store.me, displayName, role, roleId};
        permissions.reload();
      }
    } else if (event.type === 'room.updated') {
      store.upsertRoom(event.room);
    }
  });
  // A role's permissions edited in the admin area reach its holders through the tenant address.
  tenant.addEventListener('event', ({detail: {event}}) => {
    if (event.type === 'role.updated' && event.role.id === permissions.roleId) {
      permissions.reload();
    }
  });
  let opened = false;
  connection.addEventListener('open', () => {
    if (opened) {
      permissions.reload();
    }
    opened = true;
  });
}

/** Messages are replaced, not changed in place, so the list sees new items and rebuilds just those rows. */
function renameAuthor(store, roomId, user) {
  const state = store.room(roomId);
  if (!state) {
    return;
  }
  const person = personOf(user);
  const stale = someone => someone?.id === person.id && (someone.displayName !== person.displayName
    || someone.username !== person.username || Boolean(someone.deactivated) !== person.deactivated);
  let renamed = false;
  for (const [seq, message] of state.messages) {
    const author = stale(message.author);
    const quoted = stale(message.replyTo?.author);
    if (author || quoted) {
      state.messages.set(seq, {...message, author: author ? person : message.author,
        replyTo: quoted ? {...message.replyTo, author: person} : message.replyTo});
      renamed = true;
    }
  }
  if (renamed) {
    state.sorted = null;
    store.emit('messages', {roomId: state.room.id});
  }
}
