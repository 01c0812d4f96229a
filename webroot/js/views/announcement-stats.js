import {announcementsApi} from '../announcements-api.js';
import {withReactions} from '../announcement-inbox.js';
import {el, fullTime} from '../dom.js';
import {wordsFor} from '../errors.js';
import {announcementCard, handleCardClicks, keepingFocus} from './announcement-card.js';
import {askConfirm} from './ask-dialog.js';
import {StatusLine} from './status-line.js';

const COUNTS = [['recipients', 'Recipients'], ['delivered', 'Delivered'], ['read', 'Read'], ['acknowledged', 'Acknowledged']];
const FIRST_PAGE = 50;
const LARGEST_PAGE = 200;

/**
 * How one sent announcement is being read: bars of read (and acknowledged, where asked) against recipients, the
 * four counts, and who has not read it yet (paged with More). `announcement.progress` on one's own address moves the
 * counts live and has the not-read list asked for again; counts only ever grow, so an answer that left before an
 * event cannot take it back. Withdraw asks first.
 */
export class AnnouncementStatsView {
  constructor({picker, notices, myId, onBack, onWithdrawn}) {
    this.myId = myId;
    this.onWithdrawn = onWithdrawn;
    this.id = null;
    this.status = new StatusLine();
    this.cardSlot = el('div');
    this.bars = el('div', {className: 'announcement-bars'});
    this.counts = el('dl', {className: 'announcement-counts'});
    this.notReadTitle = el('h4', {className: 'announcement-section'}, 'Not read yet');
    this.notReadList = el('ul', {className: 'announcement-not-read'});
    this.more = el('button', {type: 'button', className: 'button subtle announcement-more', hidden: true,
      onclick: () => this.loadMore()}, 'More');
    this.footer = el('div', {className: 'announcement-stats-footer'});
    this.element = el('div', {className: 'announcement-stats'},
      el('button', {type: 'button', className: 'link-button announcement-back', onclick: onBack}, '← All sent'),
      this.status.element, this.cardSlot, this.bars, this.counts, this.notReadTitle, this.notReadList, this.more, this.footer);
    handleCardClicks(this.cardSlot, {
      get: id => (id === this.id ? this.announcement : null), picker,
      react: async (id, emoji, on) => this.showCard(await announcementsApi.react(id, emoji, on)),
      acknowledge: async () => {},
      refused: error => notices.show(wordsFor(error)),
    });
  }

  async open(id) {
    this.id = id;
    this.announcement = null;
    this.numbers = {recipients: 0, delivered: 0, read: 0, acknowledged: 0};
    this.notRead = [];
    this.next = null;
    this.element.setAttribute('aria-busy', 'true');
    this.status.say('Loading…');
    [this.cardSlot, this.bars, this.counts, this.notReadList, this.footer].forEach(part => part.replaceChildren());
    try {
      await this.refresh();
      this.status.say('');
    } catch (error) {
      this.status.say(wordsFor(error), true);
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  close() {
    this.id = null;
  }

  onEvent(event) {
    if (event.announcementId !== this.id || !this.announcement) {
      return;
    }
    if (event.type === 'announcement.progress') {
      const readBefore = this.numbers.read;
      this.showCounts(event);
      if (this.numbers.read !== readBefore) {
        this.refreshSoon();
      }
    } else if (event.type === 'announcement.reactions') {
      this.showCard(withReactions(this.announcement, event, this.myId));
    }
  }

  /** One refresh at a time; a progress heard meanwhile asks for one more after it. */
  refreshSoon() {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.refresh().catch(error => this.status.say(wordsFor(error), true)).finally(() => {
      this.refreshing = null;
      if (this.again) {
        this.again = false;
        this.refreshSoon();
      }
    });
  }

  /** The first pages again, as many people as are shown now, so "More" does not start over. */
  async refresh() {
    const id = this.id;
    const limit = Math.min(LARGEST_PAGE, Math.max(FIRST_PAGE, this.notRead.length));
    const stats = await announcementsApi.stats(id, {limit});
    if (id !== this.id) {
      return;
    }
    this.notRead = stats.notRead;
    this.next = stats.next;
    this.showCard(stats.announcement);
    this.showCounts(stats);
    this.showNotRead();
  }

  async loadMore() {
    const id = this.id;
    this.more.disabled = true;
    try {
      const stats = await announcementsApi.stats(id, {after: this.next});
      if (id === this.id) {
        const shown = new Set(this.notRead.map(user => user.id));
        this.notRead.push(...stats.notRead.filter(user => !shown.has(user.id)));
        this.next = stats.next;
        this.showNotRead();
      }
    } catch (error) {
      this.status.say(wordsFor(error), true);
    } finally {
      this.more.disabled = false;
    }
  }

  showCard(announcement) {
    this.announcement = announcement;
    keepingFocus(this.cardSlot, () => this.cardSlot.replaceChildren(announcementCard(announcement, {asRecipient: false})));
    this.footer.replaceChildren(announcement.withdrawnAt
      ? el('p', {className: 'announcement-withdrawn'}, 'Withdrawn · ', el('time', {dateTime: announcement.withdrawnAt},
        fullTime(announcement.withdrawnAt)))
      : el('button', {type: 'button', className: 'button danger', onclick: () => this.withdraw()}, 'Withdraw'));
  }

  showCounts(numbers) {
    for (const [key] of COUNTS) {
      this.numbers[key] = Math.max(this.numbers[key], numbers[key] ?? 0);
    }
    const {recipients, read, acknowledged} = this.numbers;
    const bar = (key, label, value) => el('div', {className: 'announcement-bar', dataset: {bar: key}},
      el('span', {className: 'announcement-bar-label'}, label),
      el('progress', {max: Math.max(recipients, 1), value, 'aria-label': label}),
      el('span', {className: 'announcement-bar-value'}, `${value}/${recipients} (${percent(value, recipients)})`));
    this.bars.replaceChildren(bar('read', 'Read', read));
    if (this.announcement?.requireAck) {
      this.bars.append(bar('acknowledged', 'Acknowledged', acknowledged));
    }
    this.counts.replaceChildren(...COUNTS
      .filter(([key]) => key !== 'acknowledged' || this.announcement?.requireAck)
      .map(([key, label]) => el('div', {dataset: {count: key}}, el('dt', {}, label), el('dd', {}, String(this.numbers[key])))));
  }

  showNotRead() {
    const waiting = this.numbers.recipients - this.numbers.read;
    this.notReadTitle.textContent = `Not read yet (${waiting})`;
    this.notReadList.replaceChildren(...this.notRead.map(user => el('li', {dataset: {userId: user.id}},
      el('span', {className: 'announcement-person'}, user.displayName || user.username),
      el('span', {className: 'announcement-username'}, user.username ? ` @${user.username}` : ''))));
    if (!this.notRead.length) {
      this.notReadList.append(el('li', {className: 'announcement-empty'}, 'Everyone has read it.'));
    }
    this.more.hidden = !this.next;
  }

  async withdraw() {
    const {id, announcement, numbers} = this;
    const withdrawn = await askConfirm({
      title: 'Withdraw this announcement?',
      text: `“${announcement.title}” disappears for its ${numbers.recipients} recipient${numbers.recipients === 1 ? '' : 's'}. `
        + 'You keep seeing how it was read. This cannot be undone.',
      confirmLabel: 'Withdraw',
      submit: () => announcementsApi.withdraw(id),
    });
    if (withdrawn && id === this.id) {
      this.showCard({...this.announcement, withdrawnAt: new Date().toISOString()});
      this.onWithdrawn(this.announcement);
    }
  }
}

function percent(part, whole) {
  return `${whole ? Math.round(100 * part / whole) : 0}%`;
}
