import {byId, show} from '../dom.js';

/**
 * The sidebar's Announcements entry: opens the Announcements dialog, and shows the server's count of unread ones
 * (kept live by the inbox) in the badge rooms use.
 */
export class AnnouncementsEntry {
  constructor({inbox, onOpen}) {
    this.inbox = inbox;
    this.button = byId('open-announcements');
    this.badge = byId('announcements-unread');
    this.button.addEventListener('click', onOpen);
    inbox.addEventListener('change', () => this.render());
    this.render();
  }

  render() {
    const count = this.inbox.unreadCount;
    show(this.badge, count > 0);
    this.badge.textContent = count > 99 ? '99+' : String(count);
    this.button.classList.toggle('has-unread', count > 0);
    this.button.setAttribute('aria-label', count ? `Announcements, ${count} unread` : 'Announcements');
  }
}
