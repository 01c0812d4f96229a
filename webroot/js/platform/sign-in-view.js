import {byId} from '../dom.js';
import {wordsFor} from '../errors.js';
import {platformApi} from './platform-api.js';

/** The operator's sign-in form: a platform session begins, kept in the platform's own cookie. */
export class SignInView {
  /** `signedIn(operator)` once the server took the name and password. */
  constructor(signedIn) {
    this.signedIn = signedIn;
    this.element = byId('sign-in');
    this.username = byId('sign-in-username');
    this.password = byId('sign-in-password');
    this.error = byId('sign-in-error');
    this.submit = byId('sign-in-submit');
    byId('sign-in-form').addEventListener('submit', event => {
      event.preventDefault();
      this.signIn();
    });
  }

  /** `notice`: why the operator is asked to sign in (again), if there is a reason to say. */
  show(notice = '') {
    this.element.hidden = false;
    this.error.textContent = notice;
    this.error.hidden = !notice;
    this.password.value = '';
    (this.username.value ? this.password : this.username).focus();
  }

  hide() {
    this.element.hidden = true;
  }

  async signIn() {
    if (!this.username.value.trim() || !this.password.value) {
      this.say('Enter your operator name and password.');
      return;
    }
    this.submit.disabled = true;
    try {
      const operator = await platformApi.login(this.username.value.trim(), this.password.value);
      this.password.value = '';
      this.error.hidden = true;
      this.signedIn(operator);
    } catch (error) {
      this.say(wordsFor(error));
    } finally {
      this.submit.disabled = false;
    }
  }

  say(text) {
    this.error.textContent = text;
    this.error.hidden = false;
  }
}
