/**
 * Keys that work anywhere in the chat screen: Alt+Up and Alt+Down open the previous and next room in the
 * sidebar's order (wrapping around); Ctrl+K (Cmd+K on a Mac) opens the search box, which also jumps to rooms.
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

/** `open()` is called again while the search box is open: it is the box's to take the focus back to its input. */
export function bindSearchShortcut(open) {
  document.addEventListener('keydown', event => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key?.toLowerCase() !== 'k') {
      return;
    }
    if (document.querySelector('dialog[open]:not(#search-dialog)')) {
      return;
    }
    event.preventDefault();
    open();
  });
}
