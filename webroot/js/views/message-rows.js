import {dayKey, dayLabel, el, fullTime, shortTime} from '../dom.js';
import {formatMessage} from '../format.js';
import {mentionsMe} from '../mentions.js';
import {handleOf, shownName, usernameBeside} from '../person-names.js';
import {decorateMessage, isPlainText} from './message-row-extras.js';
import {addMessageParts} from './message-parts.js';

const GROUP_WITHIN_MS = 5 * 60 * 1000;
const AVATAR_COLOURS = 8;

/**
 * What the message list shows for a room, top to bottom: a separator for each day, the "New messages" line,
 * and the messages, grouped under one author line while the same person keeps writing on the same day.
 * Each row has a stable key; its node is rebuilt only when its item or variant changes.
 */
export function messageRows(state, me, now = new Date()) {
  const rows = [];
  if (!state) {
    return rows;
  }
  let previous = null;
  let previousDay = null;
  let markerPlaced = state.markerSeq === null;
  for (const item of [...state.sortedMessages(), ...state.pending.values()]) {
    let groupBreak = false;
    const day = dayKey(item.createdAt);
    if (day !== previousDay) {
      const label = dayLabel(item.createdAt, now);
      rows.push({key: `d:${day}`, item: null, variant: label, build: () => dayDivider(label)});
      previousDay = day;
      groupBreak = true;
    }
    if (!markerPlaced && !isPending(item) && item.seq >= state.markerSeq) {
      rows.push({key: 'marker', item: null, variant: String(item.seq), build: newMessagesLine});
      markerPlaced = true;
      groupBreak = true;
    }
    const continued = !groupBreak && continues(previous, item, me);
    rows.push({
      key: isPending(item) ? `p:${item.clientMsgId}` : `s:${item.seq}`,
      item,
      variant: continued ? 'continued' : 'first',
      build: () => messageNode(item, continued, me),
    });
    previous = item;
  }
  return rows;
}

function continues(previous, item, me) {
  return previous !== null
    && authorOf(previous, me).id === authorOf(item, me).id
    && previous.state !== 'failed'
    && isPlainText(previous) && isPlainText(item)
    && new Date(item.createdAt) - new Date(previous.createdAt) < GROUP_WITHIN_MS;
}

function dayDivider(label) {
  return el('li', {className: 'day-divider', role: 'separator', 'aria-label': label}, label);
}

function newMessagesLine() {
  return el('li', {className: 'new-marker', id: 'new-messages', role: 'separator', 'aria-label': 'New messages'}, 'New messages');
}

function messageNode(item, continued, me) {
  const pending = isPending(item);
  const author = authorOf(item, me);
  const classes = ['message',
    continued ? 'is-continued' : 'starts-group',
    pending && 'is-pending',
    item.state === 'queued' && 'is-queued',
    item.state === 'failed' && 'is-failed',
    author.id === me.id && 'is-mine',
    mentionsMe(item, me) && 'is-mention'];
  const time = el('time', {className: 'message-time', dateTime: item.createdAt, title: fullTime(item.createdAt)},
    shortTime(item.createdAt));
  return addMessageParts(decorateMessage(el('li', {
    className: classes.filter(Boolean).join(' '),
    dataset: {seq: pending ? undefined : String(item.seq), clientMsgId: item.clientMsgId || undefined, authorId: author.id},
  },
  el('div', {className: 'message-gutter'}, continued ? time : avatar(author)),
  el('div', {className: 'message-main'},
    continued ? null : el('div', {className: 'message-meta'},
      el('span', {className: author.deactivated ? 'message-author is-deactivated' : 'message-author', title: handleOf(author)},
        shownName(author)),
      usernameBeside(author),
      time),
    el('div', {className: 'message-body'}, formatMessage(item.content)),
    pending && item.state === 'sending' ? el('span', {className: 'visually-hidden'}, 'Sending…') : null,
    item.state === 'queued' ? el('span', {className: 'message-waiting'}, 'Waiting for the connection…') : null,
    item.state === 'failed' ? el('div', {className: 'message-error', role: 'alert'},
      el('span', {}, `Not sent: ${item.error}`),
      el('button', {type: 'button', className: 'link-button', dataset: {retry: item.clientMsgId}}, 'Retry')) : null)), item, author),
  item, me);
}

function isPending(item) {
  return item.seq === undefined;
}

function authorOf(item, me) {
  return isPending(item) ? me : item.author;
}

function avatar(author) {
  const name = author.displayName || author.username;
  let hash = 0;
  for (const character of author.username) {
    hash = (hash * 31 + character.codePointAt(0)) >>> 0;
  }
  return el('span', {className: author.deactivated ? 'avatar avatar-deactivated' : `avatar avatar-${hash % AVATAR_COLOURS}`,
    'aria-hidden': 'true'},
    [...name][0].toUpperCase());
}
