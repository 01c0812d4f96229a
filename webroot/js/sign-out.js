import {accountApi} from './account-api.js';
import {api} from './api.js';
import {clearFileCache} from './file-cache.js';

// What the sign-in screen says after the page reloaded signed out; kept for this tab only, across the reload.
const NOTICE = 'parley.signedOutNotice';

/**
 * The ways out of a session. Each ends in a reload onto the sign-in screen (the page builds the chat screen once),
 * with a notice when the person did not sign out here themselves. `connection` and `push` are the page's.
 */
export class SignOut {
  /**
   * `local`: the person's UserStorage (drafts, messages waiting to be sent), forgotten when they sign out; a session
   * that merely ended keeps it for their next sign-in, and nobody else's sign-in can read it (see user-storage.js).
   */
  constructor({connection, push, local}) {
    this.connection = connection;
    this.push = push;
    this.local = local;
    // Set while this page ends its own session, so that the bridge's 4001 for it is not taken for news from elsewhere.
    this.leaving = false;
  }

  /**
   * The Sign out button. When the organisation's sign-in (single sign-on) started this session, the browser then goes
   * to the identity provider to sign out there too, and the provider sends it back to the app.
   */
  async here() {
    this.leaving = true;
    this.connection.stop();
    this.local.forget();
    let logoutUrl = null;
    try {
      // First: taking this browser off the account needs the session.
      await this.push.forget({tellServer: true});
      const [answer] = await Promise.all([api.logout(), clearFileCache().catch(() => {})]);
      logoutUrl = answer.logoutUrl || null;
    } finally {
      if (logoutUrl) {
        location.assign(logoutUrl);
      } else {
        reload();
      }
    }
  }

  /** Every session of the account, this one too. Throws when the server refused; then nothing changed. */
  async everywhere() {
    this.leaving = true;
    try {
      await accountApi.signOutEverywhere();
    } catch (error) {
      // Idle: the bridge was closed for the ended session meanwhile, so it was done after all.
      if (this.connection.state !== 'idle') {
        this.leaving = false;
        throw error;
      }
    }
    this.connection.stop();
    this.local.forget();
    await Promise.all([this.push.forget({tellServer: false}).catch(() => {}), clearFileCache().catch(() => {})]);
    reload('You signed out on every device.');
  }

  /** The session ended without this page: signed out on another device, a new password, deactivated. */
  ended() {
    if (!this.leaving) {
      this.push.forget({tellServer: false}).finally(() => reload('You were signed out.'));
    }
  }
}

/** The notice left for the sign-in screen by the reload, once. */
export function takeSignedOutNotice() {
  const notice = sessionStorage.getItem(NOTICE) || '';
  sessionStorage.removeItem(NOTICE);
  return notice;
}

function reload(notice = '') {
  if (notice) {
    sessionStorage.setItem(NOTICE, notice);
  }
  history.replaceState(null, '', '/');
  location.reload();
}
