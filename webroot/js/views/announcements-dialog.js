import {el} from '../dom.js';
import {AnnouncementComposer} from './announcement-composer.js';
import {AnnouncementList} from './announcement-list.js';
import {EmojiPicker} from './emoji-picker.js';
import {SentAnnouncements} from './sent-announcements.js';
import {showTab} from './tabs.js';

const MANAGE = 'manage_announcements';

/**
 * The Announcements dialog (the sidebar's Announcements entry, or a banner's Open): the Inbox tab, and for those with
 * `manage_announcements` the Sent tab and the New announcement button. A dialog rather than a view in the room pane,
 * so the open room stays what it was (its unread counting and `chat.read` go on as before), and it fits the 360 px
 * layout as the other dialogs do. Escape closes it; Left/Right move between the tabs.
 */
export class AnnouncementsDialog {
  constructor({store, inbox, permissions, notices}) {
    this.permissions = permissions;
    const picker = new EmojiPicker();
    this.inboxPanel = el('section', {id: 'announcements-panel-inbox', className: 'announcements-panel', role: 'tabpanel',
      'aria-labelledby': 'announcements-tab-inbox'});
    this.list = new AnnouncementList({inbox, picker, notices, scroller: this.inboxPanel});
    this.inboxPanel.append(this.list.element);
    this.sent = new SentAnnouncements({picker, notices, myId: store.me.id});
    this.sentPanel = el('section', {id: 'announcements-panel-sent', className: 'announcements-panel', role: 'tabpanel',
      'aria-labelledby': 'announcements-tab-sent'}, this.sent.element);
    this.composer = new AnnouncementComposer({store, onSent: ({announcement, recipients}) => {
      notices.show(`Sent to ${recipients} ${recipients === 1 ? 'person' : 'people'}.`);
      this.select(this.tabs[1]);
      this.sent.added(announcement);
    }});
    this.newButton = el('button', {id: 'new-announcement', type: 'button', className: 'button primary small',
      onclick: () => this.composer.open()}, 'New announcement');
    this.tabs = [
      {id: 'inbox', label: 'Inbox', panel: this.inboxPanel},
      {id: 'sent', label: 'Sent', panel: this.sentPanel, needs: MANAGE},
    ];
    this.dialog = this.build();
    this.dialog.addEventListener('close', () => this.list.hide());
    document.body.append(this.dialog);
    permissions.addEventListener('change', () => this.follow());
    this.follow();
  }

  build() {
    const tablist = el('div', {className: 'admin-tabs', role: 'tablist', 'aria-label': 'Announcements',
      onkeydown: event => this.onTabKey(event)});
    for (const tab of this.tabs) {
      tab.button = el('button', {id: `announcements-tab-${tab.id}`, type: 'button', role: 'tab', className: 'admin-tab',
        'aria-controls': tab.panel.id, 'aria-selected': 'false', tabIndex: -1, onclick: () => this.select(tab)}, tab.label);
      tablist.append(tab.button);
    }
    const close = el('button', {type: 'button', className: 'icon-button admin-close', title: 'Close',
      'aria-label': 'Close the announcements', onclick: () => this.dialog.close()}, '×');
    return el('dialog', {id: 'announcements-dialog', className: 'dialog announcements-dialog',
      'aria-labelledby': 'announcements-title'},
    el('header', {className: 'announcements-header'},
      el('h2', {id: 'announcements-title'}, 'Announcements'), this.newButton, close),
    tablist, this.tabs.map(tab => tab.panel));
  }

  /** Without the permission there is no Sent tab and no composer; a tab that went away gives way to the Inbox. */
  follow() {
    const manager = this.permissions.has(MANAGE);
    this.newButton.hidden = !manager;
    this.tabs[1].button.hidden = !manager;
    if (!manager && this.composer.dialog.open) {
      this.composer.dialog.close();
    }
    if (this.dialog.open && this.current?.button.hidden) {
      this.select(this.tabs[0]);
    }
  }

  /** `reveal`: the id of an announcement to scroll to in the Inbox (a banner's Open). */
  open({reveal = null} = {}) {
    if (!this.dialog.open) {
      this.dialog.showModal();
    }
    this.select(reveal || !this.current || this.current.button.hidden ? this.tabs[0] : this.current);
    if (reveal) {
      this.list.reveal(reveal);
    }
  }

  select(tab) {
    this.current = tab;
    showTab(this.tabs, tab);
    if (tab.id === 'inbox') {
      this.list.show();
    } else {
      this.list.hide();
      this.sent.show();
    }
  }

  onEvent(event) {
    this.sent.onEvent(event);
  }

  onTabKey(event) {
    const shown = this.tabs.filter(tab => !tab.button.hidden);
    const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
    if (step) {
      event.preventDefault();
      const next = shown[(shown.indexOf(this.current) + step + shown.length) % shown.length];
      this.select(next);
      next.button.focus();
    }
  }
}
