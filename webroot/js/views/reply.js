import {byId, el, show} from '../dom.js';
import {quoteOf} from '../quotes.js';

const MAX_PAGES_BACK = 10;
const HIGHLIGHT_MS = 2000;

/** The original above a reply: its author and first words, or that it was deleted. A button: it jumps there. */
export function quoteNode(quote) {
  const name = quote.author?.displayName || quote.author?.username || 'someone';
  return el('button', {
    type: 'button', className: `message-quote${quote.deleted ? ' is-deleted' : ''}`,
    title: 'Show the original message', dataset: {quoteSeq: String(quote.seq)},
  },
  el('span', {className: 'visually-hidden'}, 'Replying to '),
  el('span', {className: quote.author?.deactivated ? 'quote-author is-deactivated' : 'quote-author'}, name),
  ' ',
  el('span', {className: 'quote-preview'}, quote.deleted ? 'message deleted' : quote.preview));
}

/**
 * "Replying to Alice — what she said ×" above the message box while a reply is being written. It belongs to one
 * room: switching rooms forgets it. The composer takes it when it sends (`take`); × or Escape drops it.
 */
export class ReplyBar {
  constructor(store) {
    this.store = store;
    this.target = null;
    this.bar = byId('reply-bar');
    this.text = byId('reply-bar-text');
    this.input = byId('composer-input');
    byId('reply-cancel').addEventListener('click', () => {
      this.clear();
      this.input.focus();
    });
    this.input.addEventListener('keydown', event => {
      if (event.key === 'Escape' && this.target && !event.defaultPrevented) {
        event.preventDefault();
        this.clear();
      }
    });
    store.addEventListener('current', () => this.clear());
  }

  start(roomId, message) {
    this.target = {roomId, quote: quoteOf(message)};
    const {author, preview} = this.target.quote;
    this.text.replaceChildren('Replying to ', el('strong', {}, author.displayName || author.username),
      preview ? ` — ${preview}` : '');
    show(this.bar, true);
    this.input.focus();
  }

  /** The quote to send with a message in this room (and the bar goes), or null. Commands are not replies. */
  take(roomId, content) {
    if (!this.target || this.target.roomId !== roomId || (content.startsWith('/') && !content.startsWith('//'))) {
      return null;
    }
    const {quote} = this.target;
    this.clear();
    return quote;
  }

  clear() {
    this.target = null;
    show(this.bar, false);
  }
}

/**
 * Scrolls to the message a reply quotes and highlights it a moment. One not loaded yet is looked for in older
 * pages, at most ten of them (the 500 messages a room keeps); further back, the answer is false and the caller says so.
 */
export async function showOriginal({store, chat}, roomId, seq) {
  const state = store.room(roomId);
  let pages = 0;
  for (let tries = 0; state && !state.messages.has(seq) && tries < 50; tries++) {
    if (!state.hasOlder || pages >= MAX_PAGES_BACK || (state.size && seq > state.oldestSeq)) {
      break;
    }
    if (state.loadingOlder) {
      await new Promise(resolve => setTimeout(resolve, 100));
    } else if (await chat.loadOlder(roomId)) {
      pages++;
    } else {
      break;
    }
  }
  const node = byId('message-list').querySelector(`.message[data-seq="${seq}"]`);
  if (!node) {
    return false;
  }
  node.scrollIntoView({block: 'center'});
  node.classList.add('is-highlighted');
  setTimeout(() => node.classList.remove('is-highlighted'), HIGHLIGHT_MS);
  return true;
}
