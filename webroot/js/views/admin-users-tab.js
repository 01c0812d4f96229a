import {adminApi} from '../admin-api.js';
import {el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {askConfirm} from './ask-dialog.js';
import {showResetLink} from './reset-link-dialog.js';
import {StatusLine} from './status-line.js';

/**
 * Everyone on the server with their role and display name. With `promote_users` one may give anyone not ranked
 * above oneself any role up to one's own rank; with `change_display_names` rename them (oneself, always). With
 * `manage_users`, the deactivated are listed too (muted, tagged), and the people not ranked above oneself, oneself
 * excepted, get Reset password… and Deactivate…, or Reactivate.
 */
export class UsersTab {
  constructor(permissions) {
    this.permissions = permissions;
    this.status = new StatusLine();
    this.head = el('tr');
    this.body = el('tbody');
    this.element = el('div', {className: 'admin-section'}, this.status.element,
      el('div', {className: 'grid-scroller'},
        el('table', {className: 'admin-table users-table'},
          el('caption', {className: 'visually-hidden'}, 'People and their roles'),
          el('thead', {}, this.head),
          this.body)));
  }

  async load() {
    const [users, {roles}] = await Promise.all([adminApi.users(), adminApi.roles()]);
    const rankOf = new Map(roles.map(role => [role.id, role.rank]));
    const offered = roles.filter(role => role.rank <= this.permissions.rank);
    const columns = ['Username', 'Display name', 'Role', this.managing() && 'Account'].filter(Boolean);
    this.head.replaceChildren(...columns.map(text => el('th', {scope: 'col'}, text)));
    this.body.replaceChildren(...users.map(user => this.row(user, rankOf.get(user.roleId) ?? 0, offered)));
  }

  managing() {
    return this.permissions.has('manage_users');
  }

  say(text, isError) {
    this.status.say(text, isError);
  }

  row(user, rank, offered) {
    const within = rank <= this.permissions.rank;
    const editable = within && !user.deactivated;
    return el('tr', {className: user.deactivated ? 'is-deactivated' : null,
      dataset: {userId: user.id, username: user.username}},
    el('th', {scope: 'row'}, `@${user.username}`,
      user.deactivated ? el('span', {className: 'deactivated-tag'}, 'Deactivated') : null),
    el('td', {}, user.deactivated ? user.displayName : this.nameCell(user, within)),
    // Nobody changes their own role (the server answers own_role), so one's own row shows it plain.
    el('td', {}, this.permissions.has('promote_users') && editable && user.id !== this.permissions.userId
      ? this.roleSelect(user, offered) : user.role),
    this.managing() ? el('td', {className: 'row-actions'}, this.accountActions(user, within)) : null);
  }

  /** Only what the server would do: never on oneself, never on someone ranked above oneself. */
  accountActions(user, within) {
    if (user.id === this.permissions.userId || !within) {
      return [];
    }
    const button = (label, action) => el('button', {type: 'button', className: 'button subtle small',
      'aria-label': `${label.replace('…', '')} @${user.username}`, onclick: () => action(user)}, label);
    return user.deactivated
      ? [button('Reactivate', target => this.reactivate(target))]
      : [button('Reset password…', target => this.resetPassword(target)),
        button('Deactivate…', target => this.deactivate(target))];
  }

  async deactivate(user) {
    const done = await askConfirm({
      title: `Deactivate @${user.username}?`,
      text: 'They will be signed out everywhere and cannot sign in; their messages stay.',
      confirmLabel: 'Deactivate',
      submit: () => adminApi.deactivate(user.id),
    });
    if (done) {
      this.say(`@${user.username} is deactivated and signed out everywhere.`);
      await this.reloadRows();
    }
  }

  async reactivate(user) {
    try {
      await adminApi.reactivate(user.id);
      this.say(`@${user.username} can sign in again.`);
      await this.reloadRows();
    } catch (error) {
      this.say(wordsFor(error), true);
    }
  }

  async resetPassword(user) {
    try {
      const reset = await adminApi.passwordReset(user.id);
      this.say(`Made a password reset link for @${user.username}.`);
      await showResetLink({username: user.username, link: reset.url || location.origin + reset.path,
        expiresAt: reset.expiresAt});
    } catch (error) {
      this.say(wordsFor(error), true);
    }
  }

  async reloadRows() {
    await this.load().catch(error => this.say(wordsFor(error), true));
  }

  nameCell(user, within) {
    const mine = user.id === this.permissions.userId;
    if (!mine && !(this.permissions.has('change_display_names') && within)) {
      return user.displayName;
    }
    const input = el('input', {value: user.displayName, maxLength: 64, className: 'display-name-input',
      'aria-label': `Display name of @${user.username}`});
    const form = el('form', {className: 'inline-form'}, input,
      el('button', {type: 'submit', className: 'button subtle small', 'aria-label': `Rename @${user.username}`}, 'Rename'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        const changed = await adminApi.setDisplayName(user.id, input.value.trim());
        input.value = changed.displayName;
        this.say(`@${user.username} is now shown as ${changed.displayName}.`);
      } catch (error) {
        this.say(wordsFor(error), true);
      }
    });
    return form;
  }

  roleSelect(user, offered) {
    const select = el('select', {'aria-label': `Role of @${user.username}`, className: 'role-select'},
      offered.map(role => el('option', {value: role.id, selected: role.id === user.roleId}, role.name)));
    let previous = select.value;
    select.addEventListener('change', async () => {
      select.disabled = true;
      try {
        const changed = await adminApi.setRole(user.id, select.value);
        previous = select.value;
        this.say(`@${user.username} is now ${changed.role}.`);
      } catch (error) {
        select.value = previous;
        this.say(wordsFor(error), true);
      } finally {
        select.disabled = false;
      }
    });
    return select;
  }
}
