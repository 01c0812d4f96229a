import {byId, el, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {senderName} from './announcement-card.js';
import {icon} from './icons.js';

const SHOWN = 3;

/**
 * A banner across the top of the chat screen for each announcement whose sender asked for an acknowledgement not
 * given yet (the newest three, then "N more"). It comes back after a reload, since the inbox is the server's, and
 * goes only with Acknowledge; its title opens the announcement.
 */
export class AnnouncementBanners {
  constructor({inbox, notices, onOpen}) {
    this.inbox = inbox;
    this.notices = notices;
    this.onOpen = onOpen;
    this.shown = null;
    this.element = byId('announcement-banners');
    inbox.addEventListener('change', () => this.render());
    this.render();
  }

  /** Drawn again only when the banners change, so a reaction elsewhere does not take the focus off Acknowledge. */
  render() {
    const waiting = this.inbox.awaitingAck();
    const shown = waiting.map(item => item.id).join();
    if (shown === this.shown) {
      return;
    }
    this.shown = shown;
    const rest = waiting.length - SHOWN;
    this.element.replaceChildren(...waiting.slice(0, SHOWN).map(item => this.banner(item)));
    if (rest > 0) {
      this.element.append(el('p', {className: 'announcement-banner-more'}, el('button', {type: 'button',
        className: 'link-button', onclick: () => this.onOpen(null)}, `${rest} more to acknowledge`)));
    }
    show(this.element, waiting.length > 0);
  }

  banner(item) {
    const acknowledge = el('button', {type: 'button', className: 'button primary small', dataset: {action: 'acknowledge'},
      'aria-label': `Acknowledge “${item.title}”`, onclick: () => this.acknowledge(item, acknowledge)}, 'Acknowledge');
    return el('div', {className: 'announcement-banner', dataset: {announcementId: item.id}},
      el('span', {className: 'announcement-banner-sign'}, icon('announce')),
      el('p', {className: 'announcement-banner-text'},
        el('button', {type: 'button', className: 'link-button announcement-banner-open', title: 'Show the announcement',
          onclick: () => this.onOpen(item.id)}, item.title),
        el('span', {className: 'announcement-banner-from'}, ` from ${senderName(item)}`)),
      acknowledge);
  }

  async acknowledge(item, button) {
    button.disabled = true;
    try {
      await this.inbox.acknowledge(item.id);
    } catch (error) {
      button.disabled = false;
      this.notices.show(wordsFor(error));
    }
  }
}
