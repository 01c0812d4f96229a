import {dayLabel, el, fullTime, shortTime} from '../dom.js';
import {shownName} from '../person-names.js';
import {roomLabel} from '../room-names.js';

/**
 * One search result as a button: where and by whom, when, and the snippet with its matches in <mark>. The snippet is
 * the server's plain text, cut by the highlights' offsets (UTF-16 code units, as JavaScript counts) into text nodes
 * and marks; it never becomes markup.
 */
export function searchResult(result, store) {
  const {message} = result;
  const room = store.room(result.roomId)?.room;
  return el('li', {className: 'search-result'},
    el('button', {type: 'button', className: 'search-result-button',
      dataset: {roomId: result.roomId, seq: String(message.seq)}},
      el('span', {className: 'search-result-meta'},
        el('span', {className: 'search-result-room'}, room ? roomLabel(room, store.me) : 'A room'),
        el('span', {className: 'search-result-author'}, shownName(message.author)),
        el('time', {className: 'search-result-time', dateTime: message.createdAt, title: fullTime(message.createdAt)},
          `${dayLabel(message.createdAt)}, ${shortTime(message.createdAt)}`)),
      el('span', {className: 'search-snippet'}, markedSnippet(result.snippet, result.highlights))));
}

/** The snippet as text nodes and <mark> elements; overlapping or out-of-range highlights are clipped. */
export function markedSnippet(snippet, highlights = []) {
  const parts = [];
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(start, at);
    const to = Math.min(end, snippet.length);
    if (to <= from) {
      continue;
    }
    if (from > at) {
      parts.push(snippet.slice(at, from));
    }
    parts.push(el('mark', {}, snippet.slice(from, to)));
    at = to;
  }
  if (at < snippet.length) {
    parts.push(snippet.slice(at));
  }
  return parts;
}
