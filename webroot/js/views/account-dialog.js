import {byId, el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {PasswordTab} from './password-tab.js';
import {SessionsTab} from './sessions-tab.js';
import {showTab} from './tabs.js';

/**
 * "Your account" (the person button in the sidebar's header): the Sessions tab (where one is signed in, ending them) and the
 * Password tab (changing it). Escape closes it; arrow keys move between the tabs, as in the admin area.
 */
export class AccountDialog {
  constructor({store, signOutEverywhere}) {
    this.tabs = [
      {id: 'sessions', label: 'Sessions', view: new SessionsTab({signOutEverywhere})},
      {id: 'password', label: 'Password', view: new PasswordTab({username: store.me.username})},
    ];
    this.dialog = this.build();
    document.body.append(this.dialog);
    byId('open-account').addEventListener('click', () => this.open());
  }

  build() {
    const tablist = el('div', {className: 'admin-tabs', role: 'tablist', 'aria-label': 'Your account',
      onkeydown: event => this.onTabKey(event)});
    for (const tab of this.tabs) {
      tab.button = el('button', {id: `account-tab-${tab.id}`, type: 'button', role: 'tab', className: 'admin-tab',
        'aria-controls': `account-panel-${tab.id}`, 'aria-selected': 'false', tabIndex: -1, onclick: () => this.select(tab)},
      tab.label);
      tab.panel = el('section', {id: `account-panel-${tab.id}`, className: 'account-panel', role: 'tabpanel',
        'aria-labelledby': tab.button.id, hidden: true}, tab.view.element);
      tablist.append(tab.button);
    }
    const close = el('button', {type: 'button', className: 'icon-button admin-close', title: 'Close',
      'aria-label': 'Close your account', onclick: () => this.dialog.close()}, '×');
    return el('dialog', {id: 'account-dialog', className: 'dialog account-dialog', 'aria-labelledby': 'account-title'},
      el('header', {className: 'admin-header'}, el('h2', {id: 'account-title'}, 'Your account'), close),
      tablist, this.tabs.map(tab => tab.panel));
  }

  open() {
    this.tabs.forEach(tab => tab.view.say(''));
    this.dialog.showModal();
    this.select(this.current ?? this.tabs[0]);
  }

  select(tab) {
    this.current = tab;
    showTab(this.tabs, tab);
    tab.button.focus();
    this.reload(tab);
  }

  /** The panel is `aria-busy` while it loads, for screen readers and for tests alike. */
  async reload(tab) {
    tab.panel.setAttribute('aria-busy', 'true');
    try {
      await tab.view.load();
    } catch (error) {
      tab.view.say(wordsFor(error), true);
    } finally {
      tab.panel.removeAttribute('aria-busy');
    }
  }

  onTabKey(event) {
    const index = this.tabs.indexOf(this.current);
    const next = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: this.tabs.length - 1}[event.key];
    if (next !== undefined) {
      event.preventDefault();
      this.select(this.tabs[(next + this.tabs.length) % this.tabs.length]);
    }
  }
}
