import {byId} from '../dom.js';
import {wordsFor} from '../errors.js';
import {platformApi} from './platform-api.js';

/**
 * Creates an organisation ({slug, name, domains?}), or edits one's name and domains. A tenant listed without its
 * `domains` (a server that does not tell them) keeps them: they are sent only when the operator changed the field.
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
    this.error.hidden = true;
    this.dialog.showModal();
    this.name.focus();
  }

  async save() {
    const name = this.name.value.trim();
    const domainsText = this.domains.value.trim();
    const domains = domainsText.split(/\s+/).filter(Boolean);
    this.submit.disabled = true;
    try {
      const tenant = this.editing
        ? await platformApi.edit(this.editing.id, {name, domains: domainsText === this.domainsBefore.trim() ? null : domains})
        : await platformApi.create({slug: this.slug.value.trim(), name, domains: domains.length ? domains : null});
      this.dialog.close();
      this.done(tenant);
    } catch (error) {
      this.error.textContent = wordsFor(error);
      this.error.hidden = false;
    } finally {
      this.submit.disabled = false;
    }
  }
}
