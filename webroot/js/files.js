import {byId, show} from './dom.js';
import {sweep} from './file-cache.js';
import {RoomAttachments} from './room-attachments.js';
import {MAX_ATTACHMENTS} from './uploads.js';
import {AttachmentTray} from './views/attachment-tray.js';

const SWEEP_AFTER_MS = 2000;

/**
 * Files in messages, mounted by one call in app.js: the Attach button and its file picker, files dropped on the
 * room or pasted into the message box (all only with `upload_files`), the tray of what the open room's next message
 * carries (the composer sends their ids; each room has its own, see room-attachments.js), and letting go of the
 * object URLs of images no longer shown after a room switch. `keptFiles(roomId)`: the files a room's draft kept.
 */
export function mountFiles({store, permissions, composer, keptFiles}) {
  const rooms = new RoomAttachments(() => permissions.maxUploadBytes, keptFiles);
  const tray = new AttachmentTray();
  const allowed = () => permissions.has('upload_files');
  const add = files => {
    if (!allowed() || !files.length || !store.currentRoomId) {
      return;
    }
    const left = rooms.of(store.currentRoomId).add(files);
    if (left) {
      tray.say(`At most ${MAX_ATTACHMENTS} files go with one message; ${left} ${left === 1 ? 'was' : 'were'} left out.`);
    }
    composer.focus();
  };

  const button = byId('attach-files');
  const picker = byId('file-input');
  const follow = () => show(button, allowed());
  permissions.addEventListener('change', follow);
  follow();
  button.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    add([...picker.files]);
    picker.value = '';
  });

  byId('composer-input').addEventListener('paste', event => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length && allowed()) {
      event.preventDefault();
      add(files);
    }
  });
  mountDrop(byId('room-pane'), byId('drop-hint'), allowed, add);

  let sweeping = null;
  store.addEventListener('current', () => {
    const attachments = rooms.of(store.currentRoomId);
    composer.files = attachments;
    tray.switchTo(attachments);
    clearTimeout(sweeping);
    sweeping = setTimeout(sweep, SWEEP_AFTER_MS);
  });
  return rooms;
}

/** Files dragged over the room show the hint; dropped there, they are attached. Elsewhere they do nothing. */
function mountDrop(zone, hint, allowed, add) {
  const carriesFiles = event => allowed() && [...(event.dataTransfer?.types ?? [])].includes('Files');
  // Dropped anywhere else, a file would replace the app with itself.
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, event => {
      if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
        event.preventDefault();
      }
    });
  }
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, event => {
      if (carriesFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        show(hint, true);
      }
    });
  }
  zone.addEventListener('dragleave', event => {
    if (!zone.contains(event.relatedTarget)) {
      show(hint, false);
    }
  });
  zone.addEventListener('drop', event => {
    show(hint, false);
    if (carriesFiles(event)) {
      event.preventDefault();
      add([...event.dataTransfer.files]);
    }
  });
}
