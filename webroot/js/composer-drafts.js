/**
 * Keeps each room's draft (see drafts.js) as the composer changes, and puts the open room's back when it opens: its
 * text, the message it answers and its files (files.js shows the room's own tray). Saved as one types, as the reply
 * bar changes and as a room's files change (one still uploading in a room left meanwhile joins that room's draft
 * once up); emptied when the message goes. A room left untouched is never written, so another
 * tab's draft of it stays.
 */
export function mountDrafts({store, composer, replyBar, roomFiles, drafts}) {
  let shown = null;
  const save = roomId => {
    if (!roomId) {
      return;
    }
    const kept = drafts.get(roomId);
    const here = roomId === shown;
    drafts.put(roomId, {
      text: here ? composer.input.value : kept.text,
      replyTo: here ? replyBar.target?.quote : kept.replyTo,
      files: roomFiles.has(roomId) ? roomFiles.of(roomId).uploaded() : kept.files,
    });
  };
  store.addEventListener('current', () => {
    shown = store.currentRoomId;
    const draft = drafts.get(shown);
    composer.showText(draft.text);
    replyBar.restore(shown, draft.replyTo);
  });
  composer.input.addEventListener('input', () => save(shown));
  replyBar.addEventListener('change', () => save(shown));
  roomFiles.addEventListener('change', ({detail}) => save(detail.roomId));
  composer.afterSend = roomId => save(roomId);
}
