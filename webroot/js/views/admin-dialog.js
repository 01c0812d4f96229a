import {el} from '../dom.js';
import {DataTab} from './admin-data-tab.js';
import {InvitesTab} from './admin-invites-tab.js';
import {RolesTab} from './admin-roles-tab.js';
import {SettingsTab} from './admin-settings-tab.js';
import {UsersTab} from './admin-users-tab.js';
import {TabbedDialog} from './tabs.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The admin area, for those with `view_admin`: a button in the sidebar's header opens a dialog with tabs for roles,
 * people, invites, the organisation's data and its settings. The Invites tab is there only with `manage_invites`, the
 * Data tab with `export_tenant`, the Settings tab with `manage_tenant_settings`; in the others, what one may not change is shown but disabled. Escape closes it; arrow keys
 * move between the tabs.
 */
export class AdminDialog extends TabbedDialog {
  constructor(permissions) {
    super({prefix: 'admin', title: 'Admin', tabsLabel: 'Admin sections', closeLabel: 'Close the admin area', tabs: [
      {id: 'roles', label: 'Roles', view: new RolesTab(permissions)},
      {id: 'users', label: 'Users', view: new UsersTab(permissions)},
      {id: 'invites', label: 'Invites', view: new InvitesTab(), needs: 'manage_invites'},
      {id: 'data', label: 'Data', view: new DataTab(), needs: 'export_tenant'},
      {id: 'settings', label: 'Settings', view: new SettingsTab(), needs: 'manage_tenant_settings'},
    ]});
    this.permissions = permissions;
    this.button = el('button', {id: 'open-admin', type: 'button', className: 'icon-button admin-button', hidden: true,
      title: 'Admin area', 'aria-label': 'Open the admin area', 'aria-haspopup': 'dialog', onclick: () => this.open()},
    shieldIcon());
    document.querySelector('.sidebar-header').append(this.button);
    permissions.addEventListener('change', () => this.follow());
    this.follow();
  }

  available() {
    return this.tabs.filter(tab => !tab.needs || this.permissions.has(tab.needs));
  }

  /** Permissions changed: show or hide the button and the tabs, and close what may no longer be seen. */
  follow() {
    const allowed = this.permissions.has('view_admin');
    this.button.hidden = !allowed;
    for (const tab of this.tabs) {
      tab.button.hidden = !this.available().includes(tab);
    }
    if (!allowed && this.dialog.open) {
      this.dialog.close();
    } else if (this.dialog.open && this.current?.button.hidden) {
      this.select(this.available()[0]);
    } else if (this.dialog.open) {
      this.reload(this.current);
    }
  }

  open() {
    this.dialog.showModal();
    this.select(this.current && !this.current.button.hidden ? this.current : this.available()[0]);
  }
}

function shieldIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'admin-icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shield = document.createElementNS(SVG, 'path');
  shield.setAttribute('d', 'M12 3l7 3v5c0 4.5-3 8.4-7 10-4-1.6-7-5.5-7-10V6zM9 12l2 2 4-4');
  svg.append(shield);
  return svg;
}
