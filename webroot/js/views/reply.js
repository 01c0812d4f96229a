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
 * room, and is part of that room's draft (see composer-drafts.js, which puts it back with `restore`). The composer
 * takes it when it sends (`take`); × or Escape drops it. Event: `change` when it starts, goes or is taken.
 */
export class ReplyBar extends EventTarget {
  constructor() {
    super();
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
  }

  start(roomId, message) {
    this.restore(roomId, quoteOf(message));
    this.input.focus();
    this.changed();
  }

  /** Shows the reply a draft of this room kept (`quote`), or none (null); not a change of the draft. */
  restore(roomId, quote) {
    this.target = quote ? {roomId, quote} : null;
    if (quote) {
      const {author, preview} = quote;
      this.text.replaceChildren('Replying to ', el('strong', {}, author.displayName || author.username),
        preview ? ` — ${preview}` : '');
    }
    show(this.bar, Boolean(quote));
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
    this.restore(null, null);
    this.changed();
  }

  changed() {
    this.dispatchEvent(new Event('change'));
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
