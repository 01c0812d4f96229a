import {byId, el, humanSize} from '../dom.js';
import {count, stateOf} from './tenant-state.js';

/**
 * The organisations, one row each with their counts. "Online now" moves live: the server tells the console each
 * change of a tenant's count on `platform.tenants`.
 */
export class TenantsView {
  /** `onOpen(tenant)` when the operator opens one. */
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.section = byId('tenants');
    this.rows = byId('tenant-rows');
    this.tenants = new Map();
  }

  show(tenants) {
    this.tenants = new Map(tenants.map(tenant => [tenant.id, tenant]));
    this.rows.replaceChildren(...(tenants.length ? tenants.map(tenant => this.row(tenant))
      : [el('tr', {}, el('td', {colSpan: 8, className: 'empty'}, 'No organisations yet.'))]));
  }

  row(tenant) {
    const state = stateOf(tenant);
    return el('tr', {dataset: {tenantId: tenant.id}},
      el('th', {scope: 'row'}, el('button', {type: 'button', className: 'link-button tenant-open',
        onclick: () => this.onOpen(tenant)}, tenant.name)),
      el('td', {className: 'tenant-slug'}, tenant.slug),
      el('td', {}, el('span', {className: `tenant-state is-${state.key}`}, state.words)),
      el('td', {className: 'number'}, count(tenant.people)),
      el('td', {className: 'number tenant-online'}, count(tenant.onlineNow)),
      el('td', {className: 'number'}, count(tenant.rooms)),
      el('td', {className: 'number'}, count(tenant.messagesThisWeek)),
      el('td', {className: 'number'}, typeof tenant.storageBytes === 'number' ? humanSize(tenant.storageBytes) : '—'));
  }

  /** `{tenantId, onlineNow}` from the bridge. */
  online({tenantId, onlineNow}) {
    const tenant = this.tenants.get(tenantId);
    if (tenant) {
      tenant.onlineNow = onlineNow;
      const cell = this.rows.querySelector(`tr[data-tenant-id="${CSS.escape(tenantId)}"] .tenant-online`);
      if (cell) {
        cell.textContent = count(onlineNow);
      }
    }
  }
}
