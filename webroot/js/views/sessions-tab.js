import {accountApi} from '../account-api.js';
import {deviceName} from '../device-names.js';
import {el, fullTime, relativeTime} from '../dom.js';
import {wordsFor} from '../errors.js';
import {askConfirm} from './ask-dialog.js';
import {StatusLine} from './status-line.js';

/**
 * Where one is signed in (`GET /api/auth/sessions`): each session as a device ("Chrome on Linux"), its address, when
 * it signed in and when it was last used, this one marked "This device". Sign out ends another one; Sign out
 * everywhere ends them all, this one too (`signOutEverywhere`, from app.js, then takes the page to the sign-in screen).
 */
export class SessionsTab {
  constructor({signOutEverywhere}) {
    this.signOutEverywhere = signOutEverywhere;
    this.status = new StatusLine();
    this.list = el('ul', {className: 'browse-list session-list', 'aria-label': 'Your sessions'});
    this.element = el('div', {className: 'account-section'},
      el('p', {className: 'admin-hint'}, 'Where you are signed in. Sign out any device you do not recognise.'),
      this.status.element, this.list,
      el('div', {className: 'dialog-actions'},
        el('button', {id: 'sign-out-everywhere', type: 'button', className: 'button danger',
          onclick: () => this.confirmEverywhere()}, 'Sign out everywhere')));
  }

  async load() {
    const sessions = await accountApi.sessions();
    const now = Date.now();
    this.list.replaceChildren(...sessions.map(session => this.row(session, now)));
  }

  say(text, isError) {
    this.status.say(text, isError);
  }

  row(session, now) {
    const name = deviceName(session.userAgent);
    const when = [session.ip, `signed in ${fullTime(session.createdAt)}`,
      session.current ? 'active now' : `last active ${relativeTime(session.lastSeenAt, now)}`].filter(Boolean);
    return el('li', {className: `browse-row session-row${session.current ? ' is-current' : ''}`,
      dataset: {sessionId: session.id}},
    el('div', {className: 'browse-info'},
      el('span', {className: 'browse-name', title: session.userAgent || null}, name),
      session.current ? el('span', {className: 'session-this'}, 'This device') : null,
      el('span', {className: 'browse-description session-meta'}, when.join(' · '))),
    session.current ? null : el('button', {type: 'button', className: 'button subtle small',
      'aria-label': `Sign out ${name}${session.ip ? ` at ${session.ip}` : ''}`, onclick: event => this.end(session, name, event.currentTarget)},
    'Sign out'));
  }

  async end(session, name, button) {
    button.disabled = true;
    try {
      await accountApi.endSession(session.id);
      this.say(`Signed out ${name}.`);
    } catch (error) {
      this.say(wordsFor(error), true);
    }
    await this.load().catch(error => this.say(wordsFor(error), true));
  }

  confirmEverywhere() {
    return askConfirm({
      title: 'Sign out everywhere?',
      text: 'Every device signed in to your account, this one too, will have to sign in again.',
      confirmLabel: 'Sign out everywhere',
      submit: () => this.signOutEverywhere(),
    });
  }
}
