import {accountApi} from '../account-api.js';
import {byId, show} from '../dom.js';
import {wordsFor} from '../errors.js';

const MIN_LENGTH = 8;
const REFUSED = 'This link is unknown, used or expired; ask an administrator for a new one.';

/**
 * The page a password reset link opens (`/?reset=<code>`): "Choose a new password" for the username the link names
 * (`GET /api/auth/reset/<code>`), set with `POST /api/auth/reset`, which signs in. A link that does not work says so.
 * The code leaves the address bar once it is used or refused, so that a reload or a shared screen does not keep it.
 */
export class ResetView {
  constructor({onSignedIn}) {
    this.onSignedIn = onSignedIn;
    this.form = byId('reset-form');
    this.intro = byId('reset-intro');
    this.refused = byId('reset-refused');
    this.fields = byId('reset-fields');
    this.password = byId('reset-password');
    this.repeat = byId('reset-repeat');
    this.error = byId('reset-error');
    this.submit = byId('reset-submit');
    this.code = null;
    // Without the code, the page starts again as usual: the sign-in form, or the chat for a browser signed in already.
    byId('reset-to-sign-in').addEventListener('click', () => {
      forgetCode();
      location.reload();
    });
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.choose();
    });
  }

  /** The code of the link this page was opened with, or null. */
  static codeInAddress() {
    return new URLSearchParams(location.search).get('reset');
  }

  async show(code) {
    this.code = code;
    show(byId('auth'), true);
    show(byId('auth-form'), false);
    show(this.form, true);
    try {
      const {valid, username} = await accountApi.checkReset(code);
      if (!valid) {
        this.refuse();
        return;
      }
      this.intro.textContent = `For @${username}. You will be signed in with it.`;
      byId('reset-username').value = username;
      show(this.fields, true);
      this.password.focus();
    } catch (error) {
      this.intro.textContent = `${wordsFor(error)} Reload the page to try again.`;
    }
  }

  refuse() {
    forgetCode();
    this.intro.textContent = '';
    this.refused.textContent = REFUSED;
    show(this.refused, true);
    show(this.fields, false);
    byId('reset-to-sign-in').focus();
  }

  async choose() {
    if (this.password.value.length < MIN_LENGTH) {
      this.showError(wordsFor({slug: 'invalid_password'}), this.password);
      return;
    }
    if (this.password.value !== this.repeat.value) {
      this.showError('The passwords do not match.', this.repeat);
      return;
    }
    this.submit.disabled = true;
    try {
      const {user} = await accountApi.redeemReset(this.code, this.password.value);
      forgetCode();
      this.form.reset();
      show(this.form, false);
      this.onSignedIn(user);
    } catch (error) {
      if (error.slug === 'invalid_reset') {
        this.refuse();
      } else {
        this.showError(wordsFor(error), this.password);
      }
    } finally {
      this.submit.disabled = false;
    }
  }

  showError(text, field) {
    this.error.textContent = text;
    show(this.error, true);
    field.focus();
  }
}

function forgetCode() {
  history.replaceState(null, '', location.pathname + location.hash);
}
