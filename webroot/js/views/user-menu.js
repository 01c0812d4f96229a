import {adminApi} from '../admin-api.js';
import {copyText} from '../clipboard.js';
import {byId, el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {askChoice, askConfirm, askText} from './ask-dialog.js';

/**
 * What one can do about a person, from a message of theirs (Message opens the direct message with them; on oneself,
 * Set your status opens the status dialog; with manage_presence, Set vacation marks someone else away): the "…" button next to their name, or a right-click
 * on their name or avatar. Only the actions one's permissions allow are offered; the server checks again (a
 * moderator cannot kick someone ranked above them, for one) and a refusal is shown in words.
 * Arrow keys, Home and End move between items; Escape or Tab closes and gives focus back.
 */
export class UserMenu {
  constructor({store, permissions, notices, presence, onMessageUser, onSetStatus}) {
    this.store = store;
    this.presence = presence;
    this.onMessageUser = onMessageUser;
    this.onSetStatus = onSetStatus;
    this.permissions = permissions;
    this.notices = notices;
    this.menu = null;
    this.opener = null;
    this.closedFrom = null;
    const list = byId('message-list');
    list.addEventListener('click', event => {
      const button = event.target.closest('button[data-user-menu]');
      if (button && button !== this.closedFrom) {
        this.open(authorOf(button), button.getBoundingClientRect(), button);
      }
    });
    list.addEventListener('contextmenu', event => {
      const target = event.target.closest('.message-author, .avatar');
      if (target && target.closest('.message[data-seq]:not([data-author-deactivated])')) {
        event.preventDefault();
        this.open(authorOf(target), {left: event.clientX, bottom: event.clientY}, target.closest('.message').querySelector('[data-user-menu]'));
      }
    });
    document.addEventListener('pointerdown', event => {
      // A press on the button that opened the menu closes it; the click that follows must not open it again.
      this.closedFrom = null;
      if (this.menu && !this.menu.contains(event.target)) {
        this.closedFrom = event.target.closest('[data-user-menu]') === this.opener ? this.opener : null;
        this.close(false);
      }
    });
  }

  /** The actions on this person that the signed-in user may take here. */
  actions(user) {
    const me = this.store.me;
    const room = this.store.current()?.room;
    const mine = user.id === me.id;
    return [
      {label: 'Copy username', run: () => this.copyUsername(user)},
      (mine || this.permissions.has('change_display_names')) && {label: 'Change display name…', run: () => this.rename(user)},
      mine && {label: 'Set your status…', run: () => this.onSetStatus()},
      this.permissions.has('promote_users') && {label: 'Change role…', run: () => this.changeRole(user)},
      this.permissions.has('kick_users') && room && !room.default && !mine && (room.kind ?? 'channel') === 'channel'
        && {label: `Kick from #${room.name}…`, run: () => this.kick(user, room)},
      !mine && this.permissions.has('manage_presence') && (this.presence.of(user.id)?.state === 'vacation'
        ? {label: 'End vacation', run: () => this.endVacation(user)}
        : {label: 'Set vacation…', run: () => this.setVacation(user)}),
      !mine && this.permissions.has('send_messages') && {label: 'Message', run: () => this.message(user)},
    ].filter(Boolean);
  }

  open(user, anchor, opener) {
    this.close(false);
    this.opener = opener;
    opener?.setAttribute('aria-expanded', 'true');
    const items = this.actions(user).map(action => el('button', {
      type: 'button', role: 'menuitem', className: 'user-menu-item', tabIndex: -1,
      onclick: () => {
        this.close(true);
        action.run();
      },
    }, action.label));
    this.menu = el('div', {className: 'user-menu', role: 'menu', 'aria-label': `Actions for ${user.name}`},
      el('p', {className: 'user-menu-title', 'aria-hidden': 'true'}, `${user.name} · @${user.username}`), items);
    this.menu.addEventListener('keydown', event => this.onKey(event, items));
    document.body.append(this.menu);
    this.place(anchor);
    items[0].focus();
  }

  place(anchor) {
    const {offsetWidth: width, offsetHeight: height} = this.menu;
    const left = Math.max(8, Math.min(anchor.left, innerWidth - width - 8));
    const below = anchor.bottom + 4;
    const top = below + height > innerHeight - 8 ? Math.max(8, (anchor.top ?? anchor.bottom) - height - 4) : below;
    // Positions are computed, so they are set on the element; the CSP only forbids inline style attributes in markup.
    this.menu.style.left = `${left}px`;
    this.menu.style.top = `${top}px`;
  }

  onKey(event, items) {
    const index = items.indexOf(document.activeElement);
    const moveTo = next => {
      event.preventDefault();
      items[(next + items.length) % items.length].focus();
    };
    switch (event.key) {
      case 'ArrowDown': moveTo(index + 1); break;
      case 'ArrowUp': moveTo(index - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(items.length - 1); break;
      case 'Escape':
        event.preventDefault();
        this.close(true);
        break;
      case 'Tab':
        this.close(false);
        break;
      default: break;
    }
  }

  close(giveFocusBack) {
    if (!this.menu) {
      return;
    }
    this.menu.remove();
    this.menu = null;
    this.opener?.setAttribute('aria-expanded', 'false');
    if (giveFocusBack && this.opener?.isConnected) {
      this.opener.focus();
    }
  }

  async message(user) {
    try {
      await this.onMessageUser(user.id);
    } catch (error) {
      this.notices.show(wordsFor(error));
    }
  }

  async copyUsername(user) {
    const copied = await copyText(user.username);
    this.notices.show(copied ? `Copied ${user.username}.` : `Could not copy; the username is ${user.username}.`);
  }

  rename(user) {
    return askText({
      title: user.id === this.store.me.id ? 'Your display name' : `Display name of @${user.username}`,
      label: 'Display name', value: user.name, confirmLabel: 'Rename',
      submit: async name => {
        await adminApi.setDisplayName(user.id, name);
        this.notices.show(`@${user.username} is now shown as ${name}.`);
      },
    });
  }

  async changeRole(user) {
    let roles;
    let current;
    try {
      [{roles}, current] = await Promise.all([adminApi.roles(),
        adminApi.users().then(users => users.find(someone => someone.id === user.id))]);
    } catch (error) {
      this.notices.show(wordsFor(error));
      return;
    }
    const options = roles.filter(role => role.rank <= this.permissions.rank)
      .map(role => ({value: role.id, label: `${role.name} (rank ${role.rank})`}));
    await askChoice({
      title: `Role of @${user.username}`, label: 'Role', options, value: current?.roleId, confirmLabel: 'Change role',
      submit: async roleId => {
        const changed = await adminApi.setRole(user.id, roleId);
        this.notices.show(`@${user.username} is now ${changed.role}.`);
      },
    });
  }

  /** Someone who is away, as an admin says so: the note shows with the Vacation badge until it is ended. */
  setVacation(user) {
    return askText({
      title: `${user.name} is on vacation`, label: 'Note, e.g. "Back on 3 December"', maxLength: 100,
      confirmLabel: 'Set vacation',
      submit: async text => {
        await this.presence.set({userId: user.id, state: 'vacation', text});
        this.notices.show(`${user.name} is shown as on vacation.`);
      },
    });
  }

  async endVacation(user) {
    try {
      await this.presence.set({userId: user.id, state: 'online'});
      this.notices.show(`${user.name} is no longer shown as on vacation.`);
    } catch (error) {
      this.notices.show(wordsFor(error));
    }
  }

  kick(user, room) {
    return askConfirm({
      title: `Kick ${user.name} from #${room.name}?`,
      text: `@${user.username} stops receiving #${room.name} at once. They can join again if the room is public.`,
      confirmLabel: 'Kick',
      submit: async () => {
        await adminApi.kick(room.id, user.id);
        this.notices.show(`${user.name} was removed from #${room.name}.`);
      },
    });
  }
}

function authorOf(element) {
  const row = element.closest('.message');
  return {id: row.dataset.authorId, username: row.dataset.authorUsername, name: row.dataset.authorName};
}
