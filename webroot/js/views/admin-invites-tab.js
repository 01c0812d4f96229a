import {adminApi} from '../admin-api.js';
import {copyText} from '../clipboard.js';
import {el, fullTime} from '../dom.js';
import {wordsFor} from '../errors.js';
import {StatusLine} from './status-line.js';

/** Invite links (`manage_invites`): made with an optional label, use limit and expiry; copied; revoked. */
export class InvitesTab {
  constructor() {
    this.status = new StatusLine();
    this.body = el('tbody');
    this.label = el('input', {id: 'invite-label', maxLength: 100, autocomplete: 'off'});
    this.maxUses = el('input', {id: 'invite-max-uses', type: 'number', min: 1, inputMode: 'numeric'});
    this.expires = el('input', {id: 'invite-expires', type: 'datetime-local'});
    const form = el('form', {className: 'invite-form', noValidate: true},
      field('Label', 'optional', this.label), field('Uses', 'blank: unlimited', this.maxUses),
      field('Expires', 'blank: never', this.expires),
      el('button', {type: 'submit', className: 'button primary'}, 'Create invite'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.create(form);
    });
    this.element = el('div', {className: 'admin-section'}, form, this.status.element,
      el('div', {className: 'grid-scroller'},
        el('table', {className: 'admin-table invites-table'},
          el('caption', {className: 'visually-hidden'}, 'Invites'),
          el('thead', {}, el('tr', {}, ['Label', 'Uses', 'Expires', 'Link', ''].map(text => el('th', {scope: 'col'}, text)))),
          this.body)));
  }

  async load() {
    const invites = await adminApi.invites();
    this.body.replaceChildren(...(invites.length ? invites.map(invite => this.row(invite))
      : [el('tr', {}, el('td', {colSpan: 5, className: 'empty'}, 'No invites yet.'))]));
  }

  say(text, isError) {
    this.status.say(text, isError);
  }

  async create(form) {
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const invite = await adminApi.createInvite({
        label: this.label.value.trim(),
        maxUses: this.maxUses.value ? Number(this.maxUses.value) : undefined,
        expiresAt: this.expires.value ? new Date(this.expires.value).toISOString() : undefined,
      });
      form.reset();
      await this.load();
      this.say(`Created the invite ${invite.label || invite.code}.`);
    } catch (error) {
      this.say(wordsFor(error), true);
    } finally {
      submit.disabled = false;
    }
  }

  row(invite) {
    const name = invite.label || 'Unlabelled invite';
    const link = absolute(invite.url);
    const fallback = el('input', {className: 'invite-link', readOnly: true, hidden: true, 'aria-label': `Link of ${name}`});
    const copy = el('button', {type: 'button', className: 'button subtle small', 'aria-label': `Copy the link of ${name}`,
      onclick: async () => this.say(await copyText(link, fallback)
        ? 'Link copied.' : 'Your browser did not allow copying; the link is selected: press Ctrl+C (⌘C).')}, 'Copy link');
    const revoke = el('button', {type: 'button', className: 'button subtle small', 'aria-label': `Revoke ${name}`,
      onclick: () => this.revoke(invite, name, revoke)}, 'Revoke');
    return el('tr', {dataset: {code: invite.code}},
      el('th', {scope: 'row', title: invite.code}, name),
      el('td', {}, invite.maxUses ? `${invite.uses} of ${invite.maxUses}` : `${invite.uses} (no limit)`),
      el('td', {}, invite.expiresAt ? fullTime(invite.expiresAt) : 'never'),
      el('td', {}, el('div', {className: 'invite-link-cell'}, copy, fallback)),
      el('td', {className: 'row-actions'}, revoke));
  }

  async revoke(invite, name, button) {
    button.disabled = true;
    try {
      await adminApi.revokeInvite(invite.code);
      await this.load();
      this.say(`Revoked ${name}.`);
    } catch (error) {
      this.say(wordsFor(error), true);
      button.disabled = false;
    }
  }
}

/** Without PUBLIC_URL the server gives links relative to itself. */
function absolute(url) {
  return url.startsWith('/') ? location.origin + url : url;
}

function field(label, hint, input) {
  return el('div', {className: 'invite-field'},
    el('label', {htmlFor: input.id}, label, ' ', el('span', {className: 'optional'}, `(${hint})`)), input);
}
