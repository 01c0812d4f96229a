import {api} from '../api.js';
import {byId, show} from '../dom.js';
import {wordsFor} from '../errors.js';

// Where single sign-on sends the browser back when it failed: `#/signin?error=<slug>`.
const SIGN_IN_ERROR = /^#\/signin\?(.*)$/;

/**
 * The sign-in form, which toggles into the registration form. Calls onSignedIn(user) once either succeeds.
 * A link with `?invite=<code>` opens the registration form with the code filled in. When the server has single
 * sign-on, a "Sign in with …" link leads to the identity provider (a navigation: the server answers with a redirect);
 * when it has no passwords of its own, that link is all there is. The organisation of the address is named above.
 */
export class AuthView {
  constructor(onSignedIn) {
    this.onSignedIn = onSignedIn;
    this.registering = false;
    this.root = byId('auth');
    this.form = byId('auth-form');
    this.username = byId('auth-username');
    this.password = byId('auth-password');
    this.displayName = byId('auth-display-name');
    this.inviteCode = byId('auth-invite');
    this.error = byId('auth-error');
    this.notice = byId('auth-notice');
    this.submit = byId('auth-submit');
    this.ssoLink = byId('auth-sso-link');
    byId('auth-switch').addEventListener('click', () => this.setMode(!this.registering));
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.signIn();
    });
  }

  /** `error`: why the last attempt failed; `notice`: news for the person, such as having been signed out. */
  show({error = '', notice = ''} = {}) {
    show(this.root, true);
    show(this.form, true);
    this.notice.textContent = notice;
    show(this.notice, Boolean(notice));
    const invite = new URLSearchParams(location.search).get('invite');
    if (invite) {
      this.inviteCode.value = invite;
      this.setMode(true);
    }
    this.showError(error || signInErrorInAddress());
    this.username.focus();
    this.offerProviders();
  }

  /** The identity provider's link, when the server has single sign-on; without passwords, the only way in. */
  async offerProviders() {
    let ways;
    try {
      ways = await api.signInWays();
    } catch {
      return;
    }
    this.showTenant(ways.tenant);
    const [provider] = ways.providers;
    if (provider) {
      this.ssoLink.textContent = `Sign in with ${provider.name}`;
      this.ssoLink.href = provider.startUrl;
      // Alone, it is the page's main action.
      this.ssoLink.classList.toggle('primary', !ways.passwords);
      this.ssoLink.classList.toggle('subtle', ways.passwords);
    }
    show(byId('auth-sso'), Boolean(provider));
    show(byId('auth-sso-or'), Boolean(provider) && ways.passwords);
    show(byId('auth-local'), ways.passwords);
    show(this.submit, ways.passwords);
    show(byId('auth-switch-row'), ways.passwords);
    if (!ways.passwords) {
      byId('auth-intro').textContent = 'Sign in to your team chat through your organisation.';
      if (provider) {
        this.ssoLink.focus();
      }
    }
  }

  /** Which organisation this address signs in to; the default one of a single-organisation install goes unsaid. */
  showTenant(tenant) {
    const heading = byId('auth-tenant');
    const named = Boolean(tenant?.name) && tenant.name !== 'Parley';
    heading.textContent = named ? tenant.name : '';
    show(heading, named);
  }

  hide() {
    show(this.root, false);
  }

  setMode(registering) {
    this.registering = registering;
    show(byId('auth-display-name-row'), registering);
    show(byId('auth-invite-row'), registering);
    byId('auth-intro').textContent = registering ? 'Create your account.' : 'Sign in to your team chat.';
    this.submit.textContent = registering ? 'Create account' : 'Sign in';
    byId('auth-switch-text').textContent = registering ? 'Already have an account?' : 'No account yet?';
    byId('auth-switch').textContent = registering ? 'Sign in' : 'Create one';
    this.password.autocomplete = registering ? 'new-password' : 'current-password';
    this.showError('');
    this.username.focus();
  }

  async signIn() {
    const username = this.username.value.trim();
    const password = this.password.value;
    if (!username || !password) {
      this.showError('Enter a username and a password.');
      return;
    }
    this.submit.disabled = true;
    try {
      const {user} = this.registering
        ? await api.register(username, password,
          {displayName: this.displayName.value.trim(), inviteCode: this.inviteCode.value.trim()})
        : await api.login(username, password);
      this.password.value = '';
      // The code is spent; a reload should not offer it again.
      history.replaceState(null, '', location.pathname + location.hash);
      this.onSignedIn(user);
    } catch (error) {
      this.showError(wordsFor(error));
      this.password.focus();
    } finally {
      this.submit.disabled = false;
    }
  }

  showError(text) {
    this.error.textContent = text;
    show(this.error, Boolean(text));
  }
}

/** Why single sign-on sent the browser back here, in words, once: the address forgets it. */
function signInErrorInAddress() {
  const match = SIGN_IN_ERROR.exec(location.hash);
  if (!match) {
    return '';
  }
  history.replaceState(null, '', location.pathname + location.search);
  const slug = new URLSearchParams(match[1]).get('error');
  return slug ? wordsFor({slug}) : '';
}
