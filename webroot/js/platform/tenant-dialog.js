import {byId} from '../dom.js';
import {wordsFor} from '../errors.js';
import {platformApi} from './platform-api.js';

const MB = 1024 * 1024;

/**
 * Creates an organisation ({slug, name, domains?, settings?}), or edits one's name, domains and settings. A tenant
 * listed without its `domains` (a server that does not tell them) keeps them: they, and the settings, are sent only
 * when the operator changed them. A setting left empty is the server's own (docs/tenancy.md). The sign-in's secrets
 * are never shown: an empty secret field keeps the stored one, and `identity` is sent only when the operator changed it.
 */
export class TenantDialog {
  constructor() {
    this.dialog = byId('tenant-dialog');
    this.title = byId('tenant-dialog-title');
    this.name = byId('tenant-name');
    this.slug = byId('tenant-slug');
    this.slugRow = byId('tenant-slug-row');
    this.domains = byId('tenant-domains');
    this.error = byId('tenant-error');
    this.submit = byId('tenant-submit');
    this.requireInvite = byId('setting-require-invite');
    this.maxUpload = byId('setting-max-upload');
    this.quota = byId('setting-quota');
    this.retention = byId('setting-retention');
    this.widgetOrigins = byId('setting-widget-origins');
    this.identityMode = byId('identity-mode');
    this.identityFields = {
      issuer: byId('identity-issuer'),
      audience: byId('identity-audience'),
      jwksUrl: byId('identity-jwks-url'),
      publicKeys: byId('identity-public-keys'),
      hs256Secret: byId('identity-hs256-secret'),
      oidcClientId: byId('identity-client-id'),
      oidcClientSecret: byId('identity-client-secret'),
      providerName: byId('identity-provider-name'),
    };
    this.editing = null;
    this.done = null;
    byId('tenant-cancel').addEventListener('click', () => this.dialog.close());
    byId('tenant-form').addEventListener('submit', event => {
      event.preventDefault();
      this.save();
    });
  }

  /** `done(tenant)` once the server took it. */
  create(done) {
    this.open(null, done);
  }

  edit(tenant, done) {
    this.open(tenant, done);
  }

  open(tenant, done) {
    this.editing = tenant;
    this.done = done;
    this.title.textContent = tenant ? `Edit ${tenant.name}` : 'New organisation';
    this.submit.textContent = tenant ? 'Save' : 'Create';
    this.slugRow.hidden = tenant !== null;
    this.name.value = tenant ? tenant.name : '';
    this.slug.value = '';
    this.domainsBefore = (tenant?.domains ?? []).join('\n');
    this.domains.value = this.domainsBefore;
    this.showSettings(tenant?.settings ?? {});
    const before = this.settings();
    this.settingsBefore = JSON.stringify(before);
    this.identityBefore = JSON.stringify(before.identity);
    this.error.hidden = true;
    this.dialog.showModal();
    this.name.focus();
  }

  async save() {
    const name = this.name.value.trim();
    const domainsText = this.domains.value.trim();
    const domains = domainsText.split(/\s+/).filter(Boolean);
    const settings = this.settings();
    const settingsChanged = JSON.stringify(settings) !== this.settingsBefore ? settings : null;
    if (settingsChanged && JSON.stringify(settings.identity) === this.identityBefore) {
      delete settingsChanged.identity;
    }
    this.submit.disabled = true;
    try {
      const tenant = this.editing
        ? await platformApi.edit(this.editing.id, {name, domains: domainsText === this.domainsBefore.trim() ? null : domains,
          settings: settingsChanged})
        : await platformApi.create({slug: this.slug.value.trim(), name, domains: domains.length ? domains : null,
          settings: settingsChanged});
      this.dialog.close();
      this.done(tenant);
    } catch (error) {
      this.error.textContent = wordsFor(error);
      this.error.hidden = false;
    } finally {
      this.submit.disabled = false;
    }
  }

  showSettings(settings) {
    this.requireInvite.value = settings.requireInvite == null ? '' : String(settings.requireInvite);
    this.maxUpload.value = settings.maxUploadBytes == null ? '' : settings.maxUploadBytes / MB;
    this.quota.value = settings.storageQuotaBytes == null ? '' : settings.storageQuotaBytes / MB;
    this.retention.value = settings.retentionDays ?? '';
    this.widgetOrigins.value = (settings.widgetOrigins ?? []).join('\n');
    this.showIdentity(settings.identity ?? null);
  }

  /** The secrets come back only as `hs256SecretSet` and `oidcClientSecretSet`. */
  showIdentity(identity) {
    this.identityMode.value = identity?.mode ?? '';
    for (const [key, input] of Object.entries(this.identityFields)) {
      input.value = identity?.[key] ?? '';
    }
    const kept = 'set — leave empty to keep';
    this.identityFields.hs256Secret.placeholder = identity?.hs256SecretSet ? kept : '';
    this.identityFields.oidcClientSecret.placeholder = identity?.oidcClientSecretSet ? kept : '';
  }

  /** Null for the server's default; else the mode and the fields filled in, a blank secret left out to keep it. */
  identity() {
    if (this.identityMode.value === '') {
      return null;
    }
    const identity = {mode: this.identityMode.value};
    for (const [key, input] of Object.entries(this.identityFields)) {
      const text = input.value.trim();
      if (text !== '') {
        identity[key] = text;
      }
    }
    return identity;
  }

  /** All six keys, null where the field is empty; a field that is not a number is sent as it is, for the server's words. */
  settings() {
    const number = (input, scale) => {
      const text = input.value.trim();
      return text === '' ? null : (Number.isFinite(Number(text)) ? Math.round(Number(text) * scale) : text);
    };
    const origins = this.widgetOrigins.value.split(/\s+/).filter(Boolean);
    return {
      requireInvite: this.requireInvite.value === '' ? null : this.requireInvite.value === 'true',
      maxUploadBytes: number(this.maxUpload, MB),
      storageQuotaBytes: number(this.quota, MB),
      retentionDays: number(this.retention, 1),
      widgetOrigins: origins.length ? origins : null,
      identity: this.identity(),
    };
  }
}
