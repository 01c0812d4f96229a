import {byId} from '../dom.js';
import {wordsFor} from '../errors.js';
import {StatusLine} from '../views/status-line.js';
import {ConfirmDialog} from './confirm-dialog.js';
import {Live} from './live.js';
import {platformApi} from './platform-api.js';
import {SignInView} from './sign-in-view.js';
import {TenantDialog} from './tenant-dialog.js';
import {TenantView} from './tenant-view.js';
import {TenantsView} from './tenants-view.js';

const LIVE_WORDS = {open: 'Live', connecting: 'Connecting…', waiting: 'Reconnecting…', idle: ''};

/**
 * The platform console (/platform), for the people who run the server: the organisations with their counts, one
 * organisation's people and rooms, and the operator's actions on them. Counts and presence arrive live over the
 * bridge on the operators' own addresses; no message content is ever shown, nor sent here.
 */
class PlatformConsole {
  constructor() {
    this.console = byId('console');
    this.signIn = new SignInView(() => this.enter());
    this.tenantsStatus = new StatusLine();
    byId('tenants-status').replaceWith(this.tenantsStatus.element);
    this.liveState = byId('live-state');
    this.tenantDialog = new TenantDialog();
    this.tenants = new TenantsView(tenant => this.open(tenant));
    this.tenant = new TenantView({
      changed: () => this.loadTenants(),
      tenantDialog: this.tenantDialog,
      confirmDialog: new ConfirmDialog(),
    });
    this.live = null;
    byId('create-tenant').addEventListener('click', () => this.tenantDialog.create(tenant => {
      this.tenantsStatus.say(`Made ${tenant.name}.`);
      this.loadTenants();
    }));
    byId('back-to-tenants').addEventListener('click', () => this.showTenants());
    byId('sign-out').addEventListener('click', () => this.signOut());
  }

  async start() {
    let tenants;
    try {
      tenants = await platformApi.tenants();
    } catch (error) {
      byId('boot').textContent = wordsFor(error);
      return;
    }
    byId('boot').hidden = true;
    if (tenants === null) {
      this.signIn.show();
    } else {
      this.enter(tenants);
    }
  }

  async enter(tenants = null) {
    this.signIn.hide();
    this.console.hidden = false;
    this.connectLive();
    this.showTenants();
    if (tenants) {
      this.tenants.show(tenants);
    } else {
      await this.loadTenants();
    }
  }

  connectLive() {
    this.live = new Live();
    this.live.addEventListener('state', event => { this.liveState.textContent = LIVE_WORDS[event.detail.state] ?? ''; });
    // After a reconnect what changed meanwhile was not told: read it again.
    let opens = 0;
    this.live.addEventListener('open', () => {
      if (opens++ > 0) {
        this.refresh();
      }
    });
    this.live.addEventListener('session-ended', () => this.leave(wordsFor({slug: 'unauthenticated'})));
    this.live.start(count => this.tenants.online(count));
  }

  refresh() {
    this.loadTenants();
    if (!this.tenant.section.hidden) {
      this.tenant.reload();
    }
  }

  async loadTenants() {
    try {
      const tenants = await platformApi.tenants();
      if (tenants === null) {
        this.leave(wordsFor({slug: 'unauthenticated'}));
        return;
      }
      this.tenants.show(tenants);
    } catch (error) {
      this.tenantsStatus.say(wordsFor(error), true);
    }
  }

  showTenants() {
    this.live?.unwatch();
    this.tenant.tenant = null;
    this.tenant.section.hidden = true;
    this.tenants.section.hidden = false;
  }

  open(tenant) {
    this.tenants.section.hidden = true;
    this.tenant.section.hidden = false;
    this.live.watch(tenant.id, change => this.tenant.presence(change));
    this.tenant.show(tenant);
    byId('tenant-title').focus();
  }

  async signOut() {
    this.live?.stop();
    await platformApi.logout().catch(() => {});
    this.leave('');
  }

  leave(notice) {
    this.live?.stop();
    this.live = null;
    this.console.hidden = true;
    this.signIn.show(notice);
  }
}

new PlatformConsole().start();
