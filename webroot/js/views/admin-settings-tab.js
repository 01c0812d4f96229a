import {adminApi} from '../admin-api.js';
import {el, humanSize} from '../dom.js';
import {wordsFor} from '../errors.js';
import {signInWords} from '../sign-in-words.js';
import {StatusLine} from './status-line.js';

/**
 * The organisation's own settings (`manage_tenant_settings`, docs/tenancy.md): whether registering needs an invite,
 * how long messages are kept, and the pages that may embed the widget. The upload limit, storage quota and how people
 * sign in are the platform's: shown, never changed here. A field left as the install has it stays unset, so the
 * install's later changes reach it.
 */
export class SettingsTab {
  constructor() {
    this.status = new StatusLine();
    this.requireInvite = el('input', {id: 'settings-require-invite', type: 'checkbox'});
    this.retentionDays = el('input', {id: 'settings-retention-days', type: 'number', min: 1, max: 36500, className: 'settings-days',
      placeholder: 'Forever'});
    this.widgetOrigins = el('textarea', {id: 'settings-widget-origins', rows: 3,
      placeholder: 'https://shop.example.com'});
    this.platform = el('p', {className: 'settings-platform'});
    const form = el('form', {className: 'settings-form', noValidate: true, onsubmit: event => this.save(event)},
      el('div', {className: 'settings-check'}, this.requireInvite, el('label', {htmlFor: this.requireInvite.id}, 'Registering needs an invite')),
      el('div', {}, el('label', {htmlFor: this.retentionDays.id}, 'Keep messages for (days) ',
        el('span', {className: 'optional'}, '(empty: forever; older messages are deleted)')), this.retentionDays),
      el('div', {}, el('label', {htmlFor: this.widgetOrigins.id}, 'Pages that may embed the chat widget ',
        el('span', {className: 'optional'}, '(one origin a line)')), this.widgetOrigins),
      el('button', {type: 'submit', className: 'button primary'}, 'Save settings'));
    this.element = el('div', {className: 'admin-section'}, form, this.platform, this.status.element);
  }

  async load() {
    this.show(await adminApi.settings());
  }

  show({settings}) {
    this.requireInvite.checked = settings.requireInvite;
    this.retentionDays.value = settings.retentionDays ?? '';
    this.widgetOrigins.value = settings.widgetOrigins.join('\n');
    this.platform.textContent = `Set by the platform: files up to ${humanSize(settings.maxUploadBytes)} each; `
      + (settings.storageQuotaBytes == null ? 'no storage quota for the organisation.'
        : `${humanSize(settings.storageQuotaBytes)} of files in all.`)
      + (settings.identity ? ` People sign in with ${signInWords(settings.identity)}.` : '');
  }

  async save(event) {
    event.preventDefault();
    const days = this.retentionDays.value.trim();
    const change = {
      requireInvite: this.requireInvite.checked,
      retentionDays: days === '' ? null : Number(days),
      widgetOrigins: this.widgetOrigins.value.split('\n').map(line => line.trim()).filter(line => line),
    };
    try {
      this.show(await adminApi.changeSettings(change));
      this.say('Settings saved.');
    } catch (error) {
      this.say(wordsFor(error), true);
    }
  }

  say(text, isError) {
    this.status.say(text, isError);
  }
}
