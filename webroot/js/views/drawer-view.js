import {byId, show} from '../dom.js';

const NARROW = window.matchMedia('(max-width: 720px)');

/**
 * On a narrow screen the sidebar is a drawer behind the menu button: it opens over the room, and closes on
 * Escape, on the backdrop, or once a room is picked. The menu button shows a dot while other rooms have unread
 * messages (or there are unread announcements), since the counts themselves are hidden with the sidebar.
 */
export class DrawerView {
  constructor(store) {
    this.store = store;
    this.chat = byId('chat');
    this.sidebar = byId('sidebar');
    this.behind = [byId('message-pane'), byId('composer')];
    this.button = byId('menu-button');
    this.unreadDot = byId('menu-unread');
    this.otherUnread = [];
    this.button.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    byId('sidebar-backdrop').addEventListener('click', () => this.close());
    byId('sidebar-rooms').addEventListener('click', event => {
      if (event.target.closest('a')) {
        this.close(false);
      }
    });
    document.addEventListener('keydown', event => {
      // A dialog open on top takes its own Escape.
      if (event.key === 'Escape' && this.isOpen() && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        this.close();
      }
    });
    NARROW.addEventListener('change', () => this.close(false));
    store.addEventListener('rooms', () => this.renderUnread());
    store.addEventListener('current', () => this.renderUnread());
  }

  isOpen() {
    return this.chat.classList.contains('drawer-open');
  }

  open() {
    this.chat.classList.add('drawer-open');
    this.button.setAttribute('aria-expanded', 'true');
    // What the open drawer covers is out of reach of Tab and clicks; the header with the menu button is not.
    this.behind.forEach(element => { element.inert = true; });
    (this.sidebar.querySelector('[aria-current="page"]') || this.sidebar.querySelector('a, button'))?.focus();
  }

  close(returnFocus = true) {
    if (!this.isOpen()) {
      return;
    }
    this.chat.classList.remove('drawer-open');
    this.button.setAttribute('aria-expanded', 'false');
    this.behind.forEach(element => { element.inert = false; });
    if (returnFocus) {
      this.button.focus();
    }
  }

  /** Unread things that are not rooms (announcements) light the dot too: `source.unreadCount`, event `change`. */
  countAlso(source) {
    this.otherUnread.push(source);
    source.addEventListener('change', () => this.renderUnread());
    this.renderUnread();
  }

  renderUnread() {
    const unread = this.store.totalUnread() + this.otherUnread.reduce((sum, source) => sum + source.unreadCount, 0);
    show(this.unreadDot, unread > 0);
    this.button.setAttribute('aria-label', unread ? `Show rooms (${unread} unread)` : 'Show rooms');
  }
}
