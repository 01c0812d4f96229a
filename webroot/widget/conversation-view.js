import {el} from '../js/dom.js';
import {wordsFor} from '../js/errors.js';
import {shownName} from '../js/person-names.js';
import {roomLabel} from '../js/room-names.js';
import {MAX_LENGTH, sendOnEnter, tooLongWords, typedMessage} from '../js/views/composer-view.js';
import {conversationRows} from './message-item.js';

const BOTTOM_SLACK_PX = 24;
const OLDER_AT_PX = 40;

/**
 * One room at a time: its messages, kept at the bottom while the reader is there, older pages as they scroll up,
 * and the composer (Enter sends, Shift+Enter breaks the line). Rows are added and replaced in place, never all
 * redrawn. A screen reader hears what others write into the open room from a live region of its own, not from the
 * list, which would read out a whole page of history as it loads.
 */
export class ConversationView {
  constructor(store, chat) {
    this.store = store;
    this.chat = chat;
    this.roomId = null;
    this.drawn = new Map();
    // What went wrong last in this room (a page that did not load, a message too long), shown until the next try.
    this.problem = '';
    this.status = el('p', {className: 'history-status', 'aria-live': 'polite'});
    this.list = el('ol', {className: 'message-list', 'aria-label': 'Messages'});
    this.announcer = el('p', {className: 'announcer visually-hidden', 'aria-live': 'polite'});
    this.scroller = el('div', {className: 'message-scroller', tabIndex: 0, 'aria-label': 'Message history'},
      this.status, this.list, this.announcer);
    this.input = el('textarea', {className: 'composer-input', id: 'composer-input', rows: 2, maxLength: MAX_LENGTH * 2,
      placeholder: 'Write a message'});
    this.form = el('form', {className: 'composer'},
      el('label', {className: 'visually-hidden', htmlFor: 'composer-input'}, 'Message'),
      this.input,
      el('button', {type: 'submit', className: 'button primary'}, 'Send'));
    this.node = el('div', {className: 'conversation'}, this.scroller, this.form);

    sendOnEnter(this.form, this.input, () => this.send());
    this.list.addEventListener('click', event => {
      const retry = event.target.closest('[data-retry]');
      if (retry) {
        this.chat.retry(this.roomId, retry.dataset.retry);
      }
    });
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop < OLDER_AT_PX) {
        this.loadOlder();
      }
    }, {passive: true});
    store.addEventListener('messages', ({detail}) => detail.roomId === this.roomId && this.render());
    store.addEventListener('news', ({detail}) => detail.roomId === this.roomId && this.announce(detail));
  }

  /** "Bob B.: the text" for one new message from someone else, "3 new messages" for more. */
  announce({firstSeq, count}) {
    const fresh = this.store.room(this.roomId)?.sortedMessages()
      .filter(message => message.seq >= firstSeq && message.author.id !== this.store.me.id && !message.deleted) ?? [];
    if (fresh.length === 1) {
      this.announcer.textContent = `${shownName(fresh[0].author)}: ${fresh[0].content}`;
    } else if (fresh.length) {
      this.announcer.textContent = `${Math.max(count, fresh.length)} new messages`;
    }
  }

  async show(roomId) {
    this.roomId = roomId;
    this.problem = '';
    this.drawn.clear();
    this.list.replaceChildren();
    const state = this.store.room(roomId);
    this.input.placeholder = state ? `Message ${roomLabel(state.room, this.store.me)}` : 'Write a message';
    this.list.setAttribute('aria-label', state ? `Messages in ${roomLabel(state.room, this.store.me)}` : 'Messages');
    this.render();
    this.scrollToBottom();
    if (state && !state.loaded) {
      try {
        await this.chat.loadLatest(roomId);
      } catch (error) {
        this.showProblem(wordsFor(error));
      }
    }
  }

  focus() {
    this.input.focus();
  }

  isAtBottom() {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < BOTTOM_SLACK_PX;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  render() {
    const state = this.store.room(this.roomId);
    if (!state) {
      return;
    }
    const stick = this.isAtBottom();
    const heightBefore = this.scroller.scrollHeight;
    const firstBefore = this.list.firstElementChild;
    const rows = conversationRows(state, this.store.me);
    const wanted = new Set(rows.map(row => row.key));
    for (const [key, drawn] of this.drawn) {
      if (!wanted.has(key)) {
        drawn.node.remove();
        this.drawn.delete(key);
      }
    }
    let at = this.list.firstElementChild;
    for (const row of rows) {
      let drawn = this.drawn.get(row.key);
      if (drawn && drawn.version !== row.version) {
        const node = row.build();
        if (at === drawn.node) {
          at = node;
        }
        drawn.node.replaceWith(node);
        drawn = {node, version: row.version};
        this.drawn.set(row.key, drawn);
      } else if (!drawn) {
        drawn = {node: row.build(), version: row.version};
        this.drawn.set(row.key, drawn);
      }
      if (drawn.node === at) {
        at = at.nextElementSibling;
      } else {
        this.list.insertBefore(drawn.node, at);
      }
    }
    this.status.textContent = this.problem || (!state.loaded || state.loadingOlder ? 'Loading…'
      : !state.hasOlder ? 'This is the beginning of the conversation.' : '');
    if (stick) {
      this.scrollToBottom();
    } else if (firstBefore && this.list.firstElementChild !== firstBefore) {
      // A page of older messages went in above: the reader keeps looking at what they were reading.
      this.scroller.scrollTop += this.scroller.scrollHeight - heightBefore;
    }
  }

  showProblem(text) {
    this.problem = text;
    this.render();
  }

  async loadOlder() {
    try {
      await this.chat.loadOlder(this.roomId);
    } catch (error) {
      this.showProblem(wordsFor(error));
    }
  }

  send() {
    const content = typedMessage(this.input);
    if (!this.roomId || !content) {
      return;
    }
    if (content.length > MAX_LENGTH) {
      this.showProblem(tooLongWords(content.length));
      return;
    }
    this.problem = '';
    this.chat.send(this.roomId, content);
    this.input.value = '';
    this.scrollToBottom();
    this.focus();
  }
}
