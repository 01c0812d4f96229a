import {byId} from '../dom.js';
import {PasswordTab} from './password-tab.js';
import {SessionsTab} from './sessions-tab.js';
import {TabbedDialog} from './tabs.js';

/**
 * "Your account" (the person button in the sidebar's header): the Sessions tab (where one is signed in, ending them) and the
 * Password tab (changing it). Escape closes it; arrow keys move between the tabs, as in the admin area.
 */
export class AccountDialog extends TabbedDialog {
  constructor({store, signOutEverywhere}) {
    super({prefix: 'account', title: 'Your account', tabsLabel: 'Your account', closeLabel: 'Close your account', tabs: [
      {id: 'sessions', label: 'Sessions', view: new SessionsTab({signOutEverywhere})},
      {id: 'password', label: 'Password', view: new PasswordTab({username: store.me.username})},
    ]});
    byId('open-account').addEventListener('click', () => this.open());
  }

  open() {
    this.tabs.forEach(tab => tab.view.say(''));
    this.dialog.showModal();
    this.select(this.current ?? this.tabs[0]);
  }
}
