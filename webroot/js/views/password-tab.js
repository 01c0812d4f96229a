import {accountApi} from '../account-api.js';
import {el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {StatusLine} from './status-line.js';

const MIN_LENGTH = 8;

/**
 * Change password: the current one, the new one twice. Checked here for length and match before it is sent; the
 * server's refusals (`wrong_password`, `invalid_password`) are shown in words. Every other session ends with it;
 * the outcome says how many did.
 */
export class PasswordTab {
  constructor({username}) {
    this.status = new StatusLine();
    this.current = passwordInput('password-current', 'current-password');
    this.fresh = passwordInput('password-new', 'new-password');
    this.repeat = passwordInput('password-repeat', 'new-password');
    this.submit = el('button', {type: 'submit', className: 'button primary'}, 'Change password');
    this.form = el('form', {className: 'password-form', noValidate: true},
      // For password managers, which file the new password under this name.
      el('input', {type: 'text', autocomplete: 'username', defaultValue: username, readOnly: true, hidden: true}),
      el('label', {htmlFor: this.current.id}, 'Current password'), this.current,
      el('label', {htmlFor: this.fresh.id}, 'New password ', el('span', {className: 'optional'}, `(at least ${MIN_LENGTH} characters)`)),
      this.fresh,
      el('label', {htmlFor: this.repeat.id}, 'Repeat the new password'), this.repeat,
      this.status.element,
      el('div', {className: 'dialog-actions'}, this.submit));
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.change();
    });
    this.element = el('div', {className: 'account-section'},
      el('p', {className: 'admin-hint'}, 'Changing your password signs out every other device signed in to your account.'),
      this.form);
  }

  load() {
    this.form.reset();
    this.say('');
    return Promise.resolve();
  }

  say(text, isError) {
    this.status.say(text, isError);
  }

  /** A refusal from here or the server: said, and the field to correct gets the focus. */
  refuse(text, field) {
    this.say(text, true);
    field.focus();
  }

  async change() {
    if (!this.current.value) {
      this.refuse('Enter your current password.', this.current);
      return;
    }
    if (this.fresh.value.length < MIN_LENGTH) {
      this.refuse(wordsFor({slug: 'invalid_password'}), this.fresh);
      return;
    }
    if (this.fresh.value !== this.repeat.value) {
      this.refuse('The new passwords do not match.', this.repeat);
      return;
    }
    this.submit.disabled = true;
    try {
      const ended = await accountApi.changePassword(this.current.value, this.fresh.value);
      this.form.reset();
      this.say(`Your password is changed. ${signedOutWords(ended)}`);
    } catch (error) {
      this.refuse(wordsFor(error), error.slug === 'wrong_password' ? this.current : this.fresh);
    } finally {
      this.submit.disabled = false;
    }
  }
}

function passwordInput(id, autocomplete) {
  return el('input', {id, type: 'password', autocomplete, maxLength: 200, required: true});
}

function signedOutWords(ended) {
  if (!ended) {
    return 'No other device was signed in.';
  }
  return ended === 1 ? '1 other session was signed out.' : `${ended} other sessions were signed out.`;
}
