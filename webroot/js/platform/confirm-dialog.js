import {byId} from '../dom.js';
import {wordsFor} from '../errors.js';

/** Asks before an action that cannot simply be taken back, and carries it out; its failure is said in the dialog. */
export class ConfirmDialog {
  constructor() {
    this.dialog = byId('confirm-dialog');
    this.title = byId('confirm-title');
    this.text = byId('confirm-text');
    this.error = byId('confirm-error');
    this.submit = byId('confirm-submit');
    this.action = null;
    byId('confirm-cancel').addEventListener('click', () => this.dialog.close());
    byId('confirm-form').addEventListener('submit', event => {
      event.preventDefault();
      this.confirmed();
    });
  }

  /** `action`: an async function; the dialog closes once it succeeds. */
  ask({title, text, confirm, action}) {
    this.title.textContent = title;
    this.text.textContent = text;
    this.submit.textContent = confirm;
    this.error.hidden = true;
    this.action = action;
    this.dialog.showModal();
    byId('confirm-cancel').focus();
  }

  async confirmed() {
    this.submit.disabled = true;
    try {
      await this.action();
      this.dialog.close();
    } catch (error) {
      this.error.textContent = wordsFor(error);
      this.error.hidden = false;
    } finally {
      this.submit.disabled = false;
    }
  }
}
