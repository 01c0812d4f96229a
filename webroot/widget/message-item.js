import {dayKey, dayLabel, el, fullTime, shortTime} from '../js/dom.js';
import {formatMessage} from '../js/format.js';
import {mentionsMe} from '../js/mentions.js';
import {shownName} from '../js/person-names.js';

/**
 * What the widget shows of a room, top to bottom: a line for each day, then the messages, the ones still being sent
 * last. Each row has a stable key, and a version that changes whenever the row must be drawn again. Compact, and
 * read-only beyond sending: reactions, polls and files are shown, acting on them is left to the web app.
 */
export function conversationRows(state, me) {
  const rows = [];
  let previousDay = null;
  for (const item of [...state.sortedMessages(), ...state.pending.values()]) {
    const day = dayKey(item.createdAt);
    if (day !== previousDay) {
      const label = dayLabel(item.createdAt);
      rows.push({key: `d:${day}`, version: label, build: () => el('li', {className: 'day', role: 'separator', 'aria-label': label}, label)});
      previousDay = day;
    }
    const pending = item.seq === undefined;
    rows.push({
      key: pending ? `p:${item.clientMsgId}` : `s:${item.seq}`,
      version: pending ? `${item.state}:${item.error}` : `${item.changeSeq}:${item.replyTo?.preview}:${item.replyTo?.deleted}`,
      build: () => messageItem(item, me),
    });
  }
  return rows;
}

function messageItem(item, me) {
  const pending = item.seq === undefined;
  const author = pending ? me : item.author;
  const kind = item.kind || 'text';
  const classes = ['message', `kind-${kind}`, pending && 'is-pending', item.state === 'failed' && 'is-failed',
    author.id === me.id && 'is-mine', mentionsMe(item, me) && 'is-mention', item.deleted && 'is-deleted'];
  return el('li', {className: classes.filter(Boolean).join(' '),
    dataset: {seq: pending ? undefined : String(item.seq), clientMsgId: item.clientMsgId || undefined}},
  kind === 'system' ? null : el('p', {className: 'message-head'},
    el('span', {className: 'message-author'}, shownName(author)), ' ',
    el('time', {dateTime: item.createdAt, title: fullTime(item.createdAt)}, shortTime(item.createdAt))),
  item.replyTo && !item.deleted ? quote(item.replyTo) : null,
  el('div', {className: 'message-body'}, body(item, author)),
  item.attachments?.length && !item.deleted ? el('ul', {className: 'message-files', 'aria-label': 'Files'},
    item.attachments.map(file => el('li', {}, `\u{1F4CE} ${file.name}`))) : null,
  item.reactions?.length ? el('p', {className: 'message-reactions'},
    item.reactions.map(reaction => el('span', {className: 'reaction', 'aria-label': `${reaction.emoji} ${reaction.count}`},
      `${reaction.emoji} ${reaction.count}`))) : null,
  pending && item.state === 'sending' ? el('span', {className: 'visually-hidden'}, 'Sending…') : null,
  item.state === 'failed' ? el('p', {className: 'message-error', role: 'alert'}, `Not sent: ${item.error} `,
    el('button', {type: 'button', className: 'link-button', dataset: {retry: item.clientMsgId}}, 'Retry')) : null);
}

function body(item, author) {
  if (item.deleted) {
    return el('span', {className: 'deleted-text'}, 'message deleted');
  }
  const kind = item.kind || 'text';
  if (kind === 'action') {
    return el('em', {}, `* ${shownName(author)} `, formatMessage(item.content));
  }
  if (kind === 'poll' && item.poll) {
    return [el('strong', {}, item.poll.question), el('ul', {className: 'poll-options'},
      item.poll.options.map(option => el('li', {}, `${option.text}: ${option.count}`)))];
  }
  return [formatMessage(item.content), item.editedAt ? el('span', {className: 'edited', title: `Edited ${fullTime(item.editedAt)}`}, ' (edited)') : null];
}

function quote(replyTo) {
  return el('blockquote', {className: 'message-quote'},
    el('span', {className: 'message-author'}, shownName(replyTo.author)), ': ',
    replyTo.deleted ? 'message deleted' : replyTo.preview);
}
