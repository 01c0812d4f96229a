import {el} from '../dom.js';
import {wordsFor} from '../errors.js';
import {announcementCard, handleCardClicks, keepingFocus} from './announcement-card.js';

const HIGHLIGHT_MS = 2000;

/**
 * The Inbox tab: unread announcements first, then the read ones (older ones with "Show older"). Each unread one is
 * marked read once at least half of it (or half the panel) is in view while the window is visible and focused.
 * The order is taken when the panel opens, so a card being read does not jump down to the read ones under the
 * reader's eyes; it moves there the next time.
 */
export class AnnouncementList {
  constructor({inbox, picker, notices, scroller}) {
    this.inbox = inbox;
    this.scroller = scroller;
    this.active = false;
    this.unreadWhenOpened = new Set();
    this.inView = new Set();
    this.element = el('div', {className: 'announcement-list'});
    this.older = el('button', {type: 'button', className: 'button subtle announcement-more',
      onclick: () => this.showOlder()}, 'Show older');
    this.observer = new IntersectionObserver(entries => this.onIntersect(entries), {root: scroller, threshold: [0, 0.5, 1]});
    handleCardClicks(this.element, {
      get: id => inbox.get(id), picker,
      react: (id, emoji, on) => inbox.react(id, emoji, on),
      acknowledge: id => inbox.acknowledge(id),
      refused: error => notices.show(wordsFor(error)),
    });
    inbox.addEventListener('change', () => this.active && keepingFocus(this.element, () => this.render()));
    window.addEventListener('focus', () => this.markSeen());
    document.addEventListener('visibilitychange', () => this.markSeen());
  }

  show() {
    this.active = true;
    this.unreadWhenOpened = new Set(this.inbox.unread().map(item => item.id));
    this.render();
  }

  hide() {
    this.active = false;
    this.observer.disconnect();
    this.inView.clear();
  }

  render() {
    const stillUnread = item => !item.readAt || this.unreadWhenOpened.has(item.id);
    const all = [...this.inbox.unread(), ...this.inbox.read()];
    const unread = all.filter(stillUnread);
    const read = all.filter(item => !stillUnread(item));
    this.observer.disconnect();
    this.inView.clear();
    const cards = items => items.map(item => announcementCard(item));
    this.element.replaceChildren(...[
      unread.length ? el('h3', {className: 'announcement-section'}, 'Unread') : null, ...cards(unread),
      read.length ? el('h3', {className: 'announcement-section'}, 'Earlier') : null, ...cards(read),
      all.length || !this.inbox.loaded ? null : el('p', {className: 'announcement-empty'}, 'No announcements yet.'),
      this.inbox.more ? this.older : null,
    ].filter(Boolean));
    for (const card of this.element.querySelectorAll('.announcement-card.is-unread')) {
      this.observer.observe(card);
    }
  }

  /** Scrolls to one announcement and highlights it for a moment (a banner's Open). */
  reveal(id) {
    const card = this.element.querySelector(`.announcement-card[data-announcement-id="${CSS.escape(id)}"]`);
    if (!card) {
      return;
    }
    card.scrollIntoView({block: 'start'});
    card.tabIndex = -1;
    card.focus({preventScroll: true});
    card.classList.add('is-highlighted');
    setTimeout(() => card.classList.remove('is-highlighted'), HIGHLIGHT_MS);
  }

  onIntersect(entries) {
    for (const entry of entries) {
      const id = entry.target.dataset.announcementId;
      const panelHalf = (entry.rootBounds?.height ?? Infinity) / 2;
      if (entry.isIntersecting && (entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= panelHalf)) {
        this.inView.add(id);
      } else {
        this.inView.delete(id);
      }
    }
    this.markSeen();
  }

  markSeen() {
    if (!this.active || document.visibilityState !== 'visible' || !document.hasFocus()) {
      return;
    }
    this.inView.forEach(id => this.inbox.markRead(id));
  }

  async showOlder() {
    this.older.disabled = true;
    try {
      await this.inbox.loadOlder();
    } catch (error) {
      this.older.textContent = `${wordsFor(error)} Try again`;
    } finally {
      this.older.disabled = false;
    }
  }
}
