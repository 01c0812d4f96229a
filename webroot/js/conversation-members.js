import {personOf} from './person-names.js';
import {isConversation} from './room-names.js';

/**
 * Keeps the `members` of each DM and group current, since they name it in the sidebar and the header: someone
 * added (`member.joined`), gone (`member.left`) or renamed (`member.updated`).
 */
export function followConversationMembers({store, chat}) {
  chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
    const room = store.room(roomId)?.room;
    if (!room || !isConversation(room)) {
      return;
    }
    const others = room.members.filter(member => member.id !== (event.user?.id ?? event.userId));
    if (event.type === 'member.joined' || event.type === 'member.updated') {
      store.upsertRoom({...room, members: [...others, personOf(event.user)]});
    } else if (event.type === 'member.left') {
      store.upsertRoom({...room, members: others});
    }
  });
}
