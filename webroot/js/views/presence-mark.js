import {el} from '../dom.js';

const WORDS = {
  online: 'Online', idle: 'Idle', dnd: 'Do not disturb', vacation: 'On vacation', offline: 'Offline',
};

/** "Do not disturb", or "" for a state the app does not know (`unknown` while the server lacks its store). */
export function stateWords(entry) {
  return WORDS[entry?.state] ?? '';
}

/** "☕ Focus time", or "". */
export function statusText(entry) {
  return [entry?.emoji, entry?.text].filter(Boolean).join(' ');
}

/** "Do not disturb: ☕ Focus time", "Online", or "" when nothing is known. */
export function presenceWords(entry) {
  const state = stateWords(entry);
  const status = statusText(entry);
  return state && status ? `${state}: ${status}` : state;
}

/**
 * Someone's presence where a name is shown: a dot (a filled one online, half filled idle, barred for do not
 * disturb, a ring offline), a "Vacation" badge, or nothing while unknown; `fallback` stands in meanwhile (a DM's
 * "@"). Marks carry `data-presence-of`, so `repaintMarks` updates them in place when presence changes.
 */
export function presenceMark(presence, userId, fallback = '') {
  const mark = el('span', {dataset: {presenceOf: userId, fallback}});
  fill(mark, presence.of(userId));
  return mark;
}

/** Someone's status text ("☕ Focus time") as a line that `repaintMarks` keeps current; empty when they set none. */
export function statusLine(presence, userId, className) {
  return el('span', {className, dataset: {statusOf: userId}}, statusText(presence.of(userId)));
}

/** Updates the marks and status lines of these people (all of them when `userIds` is null) under `root`. */
export function repaintMarks(presence, userIds = null, root = document) {
  const of = attribute => (userIds ? userIds.map(id => `[${attribute}="${CSS.escape(id)}"]`).join(',') : `[${attribute}]`);
  if (userIds?.length === 0) {
    return;
  }
  root.querySelectorAll(of('data-presence-of')).forEach(mark => fill(mark, presence.of(mark.dataset.presenceOf)));
  root.querySelectorAll(of('data-status-of')).forEach(line => {
    line.textContent = statusText(presence.of(line.dataset.statusOf));
  });
}

function fill(mark, entry) {
  const words = presenceWords(entry);
  const state = words ? entry.state : 'unknown';
  mark.className = `presence-mark ${state === 'vacation' ? 'presence-badge' : 'presence-dot'} is-${state}`;
  mark.textContent = state === 'vacation' ? 'Vacation' : (words ? '' : mark.dataset.fallback);
  if (words) {
    mark.title = words;
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', words);
    mark.removeAttribute('aria-hidden');
  } else {
    mark.removeAttribute('title');
    mark.removeAttribute('role');
    mark.removeAttribute('aria-label');
    mark.setAttribute('aria-hidden', 'true');
  }
}
