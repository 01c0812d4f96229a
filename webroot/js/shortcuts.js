/**
 * Keys that work anywhere in the chat screen: Alt+Up and Alt+Down open the previous and next room in the
 * sidebar's order (wrapping around).
 */
export function bindRoomShortcuts(store, openRoom) {
  document.addEventListener('keydown', event => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || document.querySelector('dialog[open]')) {
      return;
    }
    const step = {ArrowUp: -1, ArrowDown: 1}[event.key];
    const next = step && store.neighbour(step);
    if (next) {
      event.preventDefault();
      openRoom(next.room.id);
    }
  });
}
