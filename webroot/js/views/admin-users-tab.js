import {adminApi} from '../admin-api.js';
import {el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {StatusLine} from './status-line.js';

/**
 * Everyone on the server with their role and display name. With `promote_users` one may give anyone not ranked
 * above oneself any role up to one's own rank; with `change_display_names` rename them (oneself, always).
 */
export class UsersTab {
  constructor(permissions) {
    this.permissions = permissions;
    this.status = new StatusLine();
    this.body = el('tbody');
    this.element = el('div', {className: 'admin-section'}, this.status.element,
      el('div', {className: 'grid-scroller'},
        el('table', {className: 'admin-table users-table'},
          el('caption', {className: 'visually-hidden'}, 'People and their roles'),
          el('thead', {}, el('tr', {}, ['Username', 'Display name', 'Role'].map(text => el('th', {scope: 'col'}, text)))),
          this.body)));
  }

  async load() {
    const [users, {roles}] = await Promise.all([adminApi.users(), adminApi.roles()]);
    const rankOf = new Map(roles.map(role => [role.id, role.rank]));
    const offered = roles.filter(role => role.rank <= this.permissions.rank);
    this.body.replaceChildren(...users.map(user => this.row(user, rankOf.get(user.roleId) ?? 0, offered)));
  }

  say(text, isError) {
    this.status.say(text, isError);
  }

  row(user, rank, offered) {
    const within = rank <= this.permissions.rank;
    return el('tr', {dataset: {userId: user.id, username: user.username}},
      el('th', {scope: 'row'}, `@${user.username}`),
      el('td', {}, this.nameCell(user, within)),
      el('td', {}, this.permissions.has('promote_users') && within ? this.roleSelect(user, offered) : user.role));
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
