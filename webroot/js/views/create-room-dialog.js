import {byId, show} from '../dom.js';
import {wordsFor} from '../errors.js';

/** Creating a room (`create_rooms`: the sidebar shows the button only then; the server decides). */
export class CreateRoomDialog {
  constructor(chat, {onOpenRoom}) {
    this.dialog = byId('create-dialog');
    this.form = byId('create-form');
    this.name = byId('create-name');
    this.error = byId('create-error');
    byId('create-cancel').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', async event => {
      event.preventDefault();
      const submit = byId('create-submit');
      submit.disabled = true;
      try {
        const room = await chat.createRoom(this.name.value.trim(), byId('create-description').value.trim(),
          byId('create-private').checked);
        this.dialog.close();
        onOpenRoom(room.id);
      } catch (error) {
        this.showError(wordsFor(error));
      } finally {
        submit.disabled = false;
      }
    });
  }

  open() {
    this.form.reset();
    this.showError('');
    this.dialog.showModal();
    this.name.focus();
  }

  showError(text) {
    this.error.textContent = text;
    show(this.error, Boolean(text));
  }
}
