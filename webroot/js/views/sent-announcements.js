import {announcementsApi} from '../announcements-api.js';
import {el, fullTime} from '../dom.js';
import {wordsFor} from '../errors.js';
import {senderName} from './announcement-card.js';
import {AnnouncementStatsView} from './announcement-stats.js';
import {StatusLine} from './status-line.js';

/**
 * The Sent tab: the announcements one sent (all of them, for someone with `manage_announcements`), newest first,
 * older ones with "Show older"; opening one shows how it is being read (announcement-stats.js) in its place.
 */
export class SentAnnouncements {
  constructor({picker, notices, myId}) {
    this.myId = myId;
    this.items = [];
    this.more = false;
    this.status = new StatusLine();
    this.list = el('ul', {className: 'announcement-sent-list'});
    this.older = el('button', {type: 'button', className: 'button subtle announcement-more', hidden: true,
      onclick: () => this.load(true)}, 'Show older');
    this.listView = el('div', {}, this.status.element, this.list, this.older);
    this.stats = new AnnouncementStatsView({picker, notices, myId,
      onBack: () => this.showList(),
      onWithdrawn: announcement => this.replace(announcement)});
    this.element = el('div', {className: 'announcement-sent'}, this.listView, this.stats.element);
    this.showList(false);
  }

  /** The tab is shown: the list is asked for again, since others with the permission may have sent some. */
  show() {
    if (this.stats.id === null) {
      this.load(false);
    }
  }

  onEvent(event) {
    this.stats.onEvent(event);
  }

  /** Just sent from the composer: at the top of the list, and its counts on screen. */
  added(announcement) {
    this.items = [announcement, ...this.items.filter(item => item.id !== announcement.id)];
    this.render();
    this.openStats(announcement.id);
  }

  openStats(id) {
    this.listView.hidden = true;
    this.stats.element.hidden = false;
    this.stats.open(id);
  }

  showList(reload = true) {
    this.stats.close();
    this.stats.element.hidden = true;
    this.listView.hidden = false;
    if (reload) {
      this.load(false);
    }
  }

  async load(older) {
    try {
      const {announcements, more} = await announcementsApi.sent(older ? this.items.at(-1)?.id : undefined);
      this.items = older ? [...this.items, ...announcements.filter(item => !this.items.some(held => held.id === item.id))]
        : announcements;
      this.more = more;
      this.status.say(this.items.length ? '' : 'Nothing sent yet.');
      this.render();
    } catch (error) {
      this.status.say(wordsFor(error), true);
    }
  }

  replace(announcement) {
    this.items = this.items.map(item => (item.id === announcement.id ? announcement : item));
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.items.map(item => el('li', {},
      el('button', {type: 'button', className: 'announcement-sent-row', dataset: {announcementId: item.id},
        onclick: () => this.openStats(item.id)},
      el('span', {className: 'announcement-sent-title'}, item.title,
        item.withdrawnAt ? el('span', {className: 'announcement-tag'}, 'Withdrawn') : null,
        item.requireAck ? el('span', {className: 'announcement-tag'}, 'Asks for acknowledgement') : null),
      el('span', {className: 'announcement-meta'}, [
        item.sender.id === this.myId ? null : `By ${senderName(item)}`, fullTime(item.createdAt), `To ${audienceWords(item.audience)}`,
        readWords(item),
      ].filter(Boolean).join(' · '))))));
    this.older.hidden = !this.more;
  }
}

/** "3 of 10 read" (and acknowledged, where asked): the counts the list carries; none for one just composed. */
function readWords(item) {
  const counts = item.counts;
  if (!counts) {
    return null;
  }
  const read = `${counts.read} of ${counts.recipients} read`;
  return item.requireAck ? `${read}, ${counts.acknowledged} acknowledged` : read;
}

/** "everyone", or "1 role, 2 channels and 3 people": the audience as chosen, not as resolved. */
export function audienceWords(audience) {
  if (!audience || audience.all) {
    return 'everyone';
  }
  const count = (list, one, many) => (list?.length ? `${list.length} ${list.length === 1 ? one : many}` : null);
  const parts = [count(audience.roleIds, 'role', 'roles'), count(audience.roomIds, 'channel', 'channels'),
    count(audience.userIds, 'person', 'people')].filter(Boolean);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0] ?? 'nobody';
}
