import {adminApi} from '../admin-api.js';
import {el, fullTime, humanSize} from '../dom.js';
import {StatusLine} from './status-line.js';

/** How long after a download starts the list is read again, to show the export the download recorded. */
const RELOAD_AFTER_MS = 1500;

const OUTCOMES = {running: 'Under way', complete: 'Complete', failed: 'Cut short'};

/**
 * The organisation's data (`export_tenant`): download all of it as one archive (docs/tenancy.md), and see every
 * export taken, by whom and when. The download is a plain link: the browser streams the archive to disk with the
 * session cookie, however large it is.
 */
export class DataTab {
  constructor() {
    this.status = new StatusLine();
    this.body = el('tbody');
    const download = el('a', {id: 'export-download', className: 'button primary', href: '/api/tenant/export', download: '',
      onclick: () => setTimeout(() => this.load().catch(() => {}), RELOAD_AFTER_MS)}, 'Download all data');
    this.element = el('div', {className: 'admin-section'},
      el('p', {}, 'Everything of this organisation as one file: people (without passwords), rooms, messages, reactions, '
        + 'polls, announcements and files. Every download is recorded below.'),
      download, this.status.element,
      el('div', {className: 'grid-scroller'},
        el('table', {className: 'admin-table exports-table'},
          el('caption', {className: 'visually-hidden'}, 'Exports'),
          el('thead', {}, el('tr', {}, ['Started', 'By', 'Outcome', 'Size'].map(text => el('th', {scope: 'col'}, text)))),
          this.body)));
  }

  async load() {
    const exports = await adminApi.exports();
    this.body.replaceChildren(...(exports.length ? exports.map(taken => row(taken))
      : [el('tr', {}, el('td', {colSpan: 4, className: 'empty'}, 'No exports yet.'))]));
  }

  say(text, isError) {
    this.status.say(text, isError);
  }
}

function row(taken) {
  return el('tr', {dataset: {exportId: taken.id}},
    el('th', {scope: 'row'}, fullTime(taken.startedAt)),
    el('td', {}, startedBy(taken)),
    el('td', {}, OUTCOMES[taken.outcome] ?? taken.outcome),
    el('td', {}, taken.bytes == null ? '—' : humanSize(taken.bytes)));
}

/** One of the organisation's people, or the platform operator who took it for the organisation (docs/tenancy.md). */
function startedBy(taken) {
  if (taken.startedBy) {
    return taken.startedBy.displayName;
  }
  return taken.startedByOperator ? `Platform operator ${taken.startedByOperator.username}` : '—';
}
