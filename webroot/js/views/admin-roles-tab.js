import {adminApi} from '../admin-api.js';
import {el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {askConfirm} from './ask-dialog.js';
import {StatusLine} from './status-line.js';

const words = name => name.replaceAll('_', ' ');

/**
 * Roles as a grid: a row per role, a column per permission. With `manage_roles` one may edit, create and delete
 * roles ranked below one's own, granting only permissions one holds; everything else shows but is disabled, as the
 * server would refuse it. System roles keep their name and rank.
 */
export class RolesTab {
  constructor(permissions) {
    this.permissions = permissions;
    this.status = new StatusLine();
    this.table = el('table', {className: 'role-grid'});
    this.element = el('div', {className: 'admin-section'},
      el('p', {className: 'admin-hint'}, 'You can change roles ranked below yours, and grant only what you may do yourself.'),
      this.status.element,
      el('div', {className: 'grid-scroller', tabIndex: 0, 'aria-label': 'Roles and their permissions'}, this.table));
  }

  async load() {
    const {roles, permissions: names} = await adminApi.roles();
    const columns = ['Role', 'Rank', 'People', 'System'];
    this.table.replaceChildren(
      el('caption', {className: 'visually-hidden'}, 'Roles, highest rank first, and the permissions of each'),
      el('thead', {}, el('tr', {},
        columns.map(text => el('th', {scope: 'col'}, text)),
        names.map(name => el('th', {scope: 'col', className: 'permission-heading', title: name},
          el('span', {}, words(name)))),
        el('th', {scope: 'col'}, el('span', {className: 'visually-hidden'}, 'Actions')))),
      el('tbody', {}, roles.map(role => this.roleRow(role, names)), this.permissions.has('manage_roles') ? this.newRoleRow(names) : null));
  }

  say(text, isError) {
    this.status.say(text, isError);
  }

  mayEdit(role) {
    return this.permissions.has('manage_roles') && role.rank < this.permissions.rank;
  }

  roleRow(role, names) {
    const editable = this.mayEdit(role);
    const fields = this.fields(role.name, role.rank, editable && !role.system, `role ${role.name}`);
    const boxes = this.checkboxes(names, role.permissions, editable, role.name);
    const changes = () => role.system ? {permissions: checked(boxes)}
      : {name: fields.name.value.trim(), rank: Number(fields.rank.value), permissions: checked(boxes)};
    const save = editable && el('button', {type: 'button', className: 'button primary small', onclick: () => {
      const wanted = changes();
      this.run(save, `Saved ${wanted.name || role.name}.`, () => adminApi.updateRole(role.id, wanted));
    }}, 'Save');
    const remove = editable && !role.system && el('button', {type: 'button', className: 'button subtle small', onclick: () =>
      this.remove(role)}, 'Delete');
    if (save) {
      save.setAttribute('aria-label', `Save role ${role.name}`);
    }
    if (remove) {
      remove.setAttribute('aria-label', `Delete role ${role.name}`);
    }
    return el('tr', {dataset: {roleId: role.id, roleName: role.name}},
      el('th', {scope: 'row'}, fields.name),
      el('td', {}, fields.rank),
      el('td', {className: 'number'}, String(role.userCount)),
      el('td', {}, role.system ? 'system' : ''),
      boxes.map(box => el('td', {className: 'permission-cell'}, box)),
      el('td', {className: 'row-actions'}, save, remove));
  }

  newRoleRow(names) {
    const fields = this.fields('', Math.max(0, Math.min(100, this.permissions.rank - 1)), true, 'the new role');
    fields.name.placeholder = 'New role';
    const boxes = this.checkboxes(names, [], true, 'the new role');
    const create = el('button', {type: 'button', className: 'button primary small', onclick: () =>
      this.run(create, `Created ${fields.name.value.trim()}.`,
        () => adminApi.createRole(fields.name.value.trim(), Number(fields.rank.value), checked(boxes)))}, 'Create');
    return el('tr', {className: 'new-role', dataset: {newRole: ''}},
      el('th', {scope: 'row'}, fields.name),
      el('td', {}, fields.rank),
      el('td', {}), el('td', {}),
      boxes.map(box => el('td', {className: 'permission-cell'}, box)),
      el('td', {className: 'row-actions'}, create));
  }

  /** Inputs where the name and rank may change; plain text where they may not (system roles keep theirs). */
  fields(name, rank, editable, what) {
    if (!editable) {
      return {name: el('span', {className: 'role-name'}, name), rank: el('span', {className: 'role-rank'}, String(rank))};
    }
    return {
      name: el('input', {value: name, maxLength: 32, className: 'role-name', 'aria-label': `Name of ${what}`}),
      rank: el('input', {type: 'number', min: 0, max: 999, value: String(rank), className: 'role-rank',
        'aria-label': `Rank of ${what}`}),
    };
  }

  checkboxes(names, held, editable, roleName) {
    return names.map(name => el('input', {
      type: 'checkbox', checked: held.includes(name), disabled: !editable || !this.permissions.has(name),
      dataset: {permission: name}, 'aria-label': `${words(name)} for ${roleName}`,
    }));
  }

  async run(button, success, action) {
    button.disabled = true;
    try {
      await action();
      await this.load();
      this.say(success);
    } catch (error) {
      this.say(wordsFor(error), true);
      button.disabled = false;
    }
  }

  async remove(role) {
    const people = role.userCount === 1 ? '1 person has it and will become a member' : `${role.userCount} people have it and will become members`;
    let moved = 0;
    const deleted = await askConfirm({
      title: `Delete the role ${role.name}?`,
      text: role.userCount ? `${people}.` : 'Nobody has it.',
      confirmLabel: 'Delete role',
      submit: async () => { moved = await adminApi.deleteRole(role.id); },
    });
    if (deleted) {
      await this.load().catch(() => {});
      this.say(`Deleted ${role.name}; ${moved} ${moved === 1 ? 'person is a member' : 'people are members'} now.`);
    }
  }
}

function checked(boxes) {
  return boxes.filter(box => box.checked).map(box => box.dataset.permission);
}
