import {byId, el, humanSize} from '../dom.js';
import {wordsFor} from '../errors.js';
import {signInWords} from '../sign-in-words.js';
import {StatusLine} from '../views/status-line.js';
import {platformApi} from './platform-api.js';
import {count, stateOf} from './tenant-state.js';

const KINDS = {channel: 'Channel', dm: 'Direct message', group: 'Group'};

/**
 * One organisation: its people with their presence (live, from `platform.tenant.<id>.presence`), its rooms with their
 * member and message counts, and what an operator may do to it. Never anything anyone wrote.
 */
export class TenantView {
  /** `changed(tenant)` after an action changed the tenant; `dialogs`: {tenantDialog, confirmDialog}. */
  constructor({changed, tenantDialog, confirmDialog}) {
    this.changed = changed;
    this.tenantDialog = tenantDialog;
    this.confirmDialog = confirmDialog;
    this.section = byId('tenant');
    this.title = byId('tenant-title');
    this.facts = byId('tenant-facts');
    this.settings = byId('tenant-settings');
    this.actions = byId('tenant-actions');
    this.people = byId('people-rows');
    this.rooms = byId('room-rows');
    this.onlineCount = byId('people-online');
    this.status = new StatusLine();
    byId('tenant-status').replaceWith(this.status.element);
    this.tenant = null;
    this.online = new Map();
  }

  /** Shows the tenant; its lists are read after the live address is registered, so that no change falls between. */
  async show(tenant) {
    this.tenant = tenant;
    this.title.textContent = tenant.name;
    this.renderFacts();
    this.status.say('');
    this.people.replaceChildren(placeholder(4, 'Loading…'));
    this.rooms.replaceChildren(placeholder(4, 'Loading…'));
    await this.reload();
  }

  async reload() {
    const tenant = this.tenant;
    try {
      const [people, rooms] = await Promise.all([platformApi.people(tenant.id), platformApi.rooms(tenant.id)]);
      if (this.tenant !== tenant) {
        return;
      }
      this.online = new Map(people.map(person => [person.id, person.online === true]));
      this.people.replaceChildren(...(people.length ? people.map(person => personRow(person)) : [placeholder(4, 'Nobody yet.')]));
      this.rooms.replaceChildren(...(rooms.length ? rooms.map(room => roomRow(room)) : [placeholder(4, 'No rooms yet.')]));
      this.renderOnlineCount();
    } catch (error) {
      this.status.say(wordsFor(error), true);
    }
  }

  renderFacts() {
    const tenant = this.tenant;
    const domains = Array.isArray(tenant.domains) && tenant.domains.length ? ` · ${tenant.domains.join(', ')}` : '';
    this.facts.textContent = `${tenant.slug} · ${stateOf(tenant).words}${domains}`;
    this.settings.textContent = settingsWords(tenant.settings ?? {});
    const suspended = Boolean(tenant.suspendedAt);
    this.actions.replaceChildren(
      el('button', {type: 'button', className: 'button subtle', onclick: () => this.edit()}, 'Edit'),
      suspended
        ? el('button', {type: 'button', className: 'button subtle', onclick: () => this.resume()},
          tenant.deleteAfter ? 'Resume (keep it)' : 'Resume')
        : el('button', {type: 'button', className: 'button subtle', onclick: () => this.suspend()}, 'Suspend'),
      el('a', {className: 'button subtle', href: platformApi.exportUrl(tenant.id), download: ''}, 'Export'),
      tenant.deleteAfter ? null
        : el('button', {type: 'button', className: 'button danger', onclick: () => this.scheduleDeletion()}, 'Delete…'));
  }

  /** `{userId, online, state}` from the bridge: someone of this tenant connected or left. */
  presence({userId, online, state}) {
    const row = this.people.querySelector(`tr[data-user-id="${CSS.escape(userId)}"]`);
    if (!row) {
      // Someone who joined since the list was read.
      this.reload();
      return;
    }
    this.online.set(userId, online);
    row.querySelector('.person-presence').replaceWith(presenceCell(online, state, row.dataset.deactivated === 'true'));
    this.renderOnlineCount();
  }

  renderOnlineCount() {
    const online = [...this.online.values()].filter(Boolean).length;
    this.onlineCount.textContent = `(${online} online)`;
  }

  edit() {
    this.tenantDialog.edit(this.tenant, tenant => this.after(tenant, `Saved ${tenant.name}.`));
  }

  suspend() {
    this.confirmDialog.ask({
      title: `Suspend ${this.tenant.name}?`,
      text: 'Everyone of it is signed out at once, on every device, and nobody can sign in until you resume it. Nothing is deleted.',
      confirm: 'Suspend',
      action: async () => this.after(await platformApi.suspend(this.tenant.id), 'Suspended; its people are signed out.'),
    });
  }

  async resume() {
    try {
      this.after(await platformApi.resume(this.tenant.id), 'Resumed; its people can sign in again.');
    } catch (error) {
      this.status.say(wordsFor(error), true);
    }
  }

  scheduleDeletion() {
    this.confirmDialog.ask({
      title: `Delete ${this.tenant.name}?`,
      text: 'It is suspended now and deleted with all its people, rooms, messages and files after the grace period '
        + '(30 days unless the server says otherwise). Until then, Resume takes it back. Export its data first if it wants it.',
      confirm: 'Schedule deletion',
      action: async () => this.after(await platformApi.scheduleDeletion(this.tenant.id), 'Deletion scheduled.'),
    });
  }

  after(tenant, words) {
    this.tenant = {...this.tenant, ...tenant};
    this.title.textContent = this.tenant.name;
    this.renderFacts();
    this.status.say(words);
    this.changed(this.tenant);
  }
}

function placeholder(columns, text) {
  return el('tr', {}, el('td', {colSpan: columns, className: 'empty'}, text));
}

function personRow(person) {
  return el('tr', {dataset: {userId: person.id, deactivated: String(person.deactivated === true)}},
    el('th', {scope: 'row'}, person.displayName),
    el('td', {}, person.username),
    el('td', {}, person.role),
    presenceCell(person.online === true, null, person.deactivated === true));
}

function presenceCell(online, state, deactivated) {
  const words = deactivated ? 'Deactivated' : online ? 'Online' : 'Offline';
  const mark = deactivated ? 'offline' : online ? (state === 'idle' || state === 'dnd' ? state : 'online') : 'offline';
  return el('td', {className: 'person-presence', dataset: {online: String(online)}},
    el('span', {className: `presence-dot is-${mark}`, 'aria-hidden': 'true'}), ' ', words);
}

function roomRow(room) {
  return el('tr', {dataset: {roomId: room.id}},
    el('th', {scope: 'row'}, room.kind === 'dm' ? 'Direct message' : `${room.kind === 'channel' ? '#' : ''}${room.name || 'Unnamed group'}`,
      room.private && room.kind === 'channel' ? el('span', {className: 'optional'}, ' (private)') : null),
    el('td', {}, KINDS[room.kind] ?? room.kind),
    el('td', {className: 'number'}, count(room.members)),
    el('td', {className: 'number'}, count(room.messages)));
}

/** The organisation's own settings in words; what it did not set is the server's (docs/tenancy.md). */
function settingsWords(settings) {
  const own = [];
  if (settings.requireInvite != null) {
    own.push(settings.requireInvite ? 'invite required' : 'no invite needed');
  }
  if (settings.maxUploadBytes != null) {
    own.push(`files up to ${humanSize(settings.maxUploadBytes)}`);
  }
  if (settings.storageQuotaBytes != null) {
    own.push(`storage quota ${humanSize(settings.storageQuotaBytes)}`);
  }
  if (settings.retentionDays != null) {
    own.push(`messages kept ${settings.retentionDays} days`);
  }
  if (settings.widgetOrigins != null) {
    own.push(`widget on ${settings.widgetOrigins.length ? settings.widgetOrigins.join(', ') : 'no page'}`);
  }
  if (settings.identity != null) {
    own.push(`sign-in: ${signInWords(settings.identity)} (${settings.identity.mode})`);
  }
  return `Settings: ${own.length ? own.join(' · ') : "the server's own"}`;
}
