import {announcementsApi} from '../announcements-api.js';
import {el, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {AudiencePicker} from './audience-picker.js';

const MAX_TITLE = 200;
const MAX_BODY = 10_000;

/**
 * "New announcement", for those with `manage_announcements`: a title, a body, "Require acknowledgement" and the
 * audience. It stays open and says why while the server refuses (`invalid_announcement`, `invalid_audience`,
 * `empty_audience`, `forbidden`); `onSent({announcement, recipients})` once it is sent.
 */
export class AnnouncementComposer {
  constructor({store, onSent}) {
    this.onSent = onSent;
    this.picker = new AudiencePicker(store);
    this.title = el('input', {id: 'announcement-title', maxLength: MAX_TITLE, autocomplete: 'off', required: true});
    this.body = el('textarea', {id: 'announcement-body', className: 'announcement-body-input', maxLength: MAX_BODY,
      rows: 6, required: true});
    this.requireAck = el('input', {id: 'announcement-require-ack', type: 'checkbox'});
    this.error = el('p', {className: 'form-error', role: 'alert', hidden: true});
    this.submit = el('button', {id: 'announcement-send', type: 'submit', className: 'button primary'}, 'Send');
    this.form = el('form', {noValidate: true, onsubmit: event => {
      event.preventDefault();
      this.send();
    }},
    el('h2', {id: 'announcement-composer-title'}, 'New announcement'),
    el('label', {htmlFor: this.title.id}, 'Title'), this.title,
    el('label', {htmlFor: this.body.id}, 'Text ', el('span', {className: 'optional'}, '(plain text; line breaks are kept)')),
    this.body,
    el('label', {className: 'checkbox'}, this.requireAck, el('span', {}, 'Require acknowledgement ',
      el('span', {className: 'optional'}, '(a banner stays until each recipient acknowledges it)'))),
    this.picker.element, this.error,
    el('div', {className: 'dialog-actions'},
      el('button', {type: 'button', className: 'button subtle', onclick: () => this.dialog.close()}, 'Cancel'),
      this.submit));
    this.dialog = el('dialog', {id: 'announcement-composer', className: 'dialog announcement-composer',
      'aria-labelledby': 'announcement-composer-title'}, this.form);
    document.body.append(this.dialog);
  }

  async open() {
    this.form.reset();
    this.showError('');
    this.dialog.showModal();
    this.title.focus();
    try {
      await this.picker.reset();
    } catch (error) {
      this.showError(wordsFor(error));
    }
  }

  async send() {
    const title = this.title.value.trim();
    const body = this.body.value.trim();
    const audience = this.picker.audience();
    if (!title || !body) {
      this.showError('Write a title and some text.');
      (title ? this.body : this.title).focus();
      return;
    }
    if (!audience) {
      this.showError('Choose at least one role, channel or person.');
      return;
    }
    this.submit.disabled = true;
    try {
      const sent = await announcementsApi.send({title, body, requireAck: this.requireAck.checked, audience});
      this.dialog.close();
      this.onSent(sent);
    } catch (error) {
      this.showError(wordsFor(error));
    } finally {
      this.submit.disabled = false;
    }
  }

  showError(text) {
    this.error.textContent = text;
    show(this.error, Boolean(text));
  }
}
