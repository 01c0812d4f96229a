import {byId} from '../dom.js';
import {roomLabel} from '../room-names.js';

export const MAX_LENGTH = 4000;
const MAX_HEIGHT_PX = 200;
const HINT = 'Enter to send · Shift+Enter for a new line · **bold** *italic* `code`';

/** A message box's keys, here and in the widget: Enter sends as the form's submit does, Shift+Enter breaks the line. */
export function sendOnEnter(form, input, send) {
  form.addEventListener('submit', event => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}

/** What is sent of the box's text: leading blank lines and trailing whitespace are accidents; indentation inside is kept for code. */
export function typedMessage(input) {
  return input.value.replace(/^\s*\n/, '').trimEnd();
}

export function tooLongWords(length) {
  return `Too long to send: ${length.toLocaleString()} of at most ${MAX_LENGTH.toLocaleString()} characters.`;
}

/** The message box: Enter sends, Shift+Enter breaks the line; it grows with its text up to a limit. */
export class ComposerView {
  constructor(store, chat, messageList) {
    this.store = store;
    this.chat = chat;
    this.messageList = messageList;
    this.form = byId('composer');
    this.input = byId('composer-input');
    this.hint = byId('composer-hint');
    // What the message answers, if anything (message-actions.js puts the reply bar's `take` here).
    this.takeReply = () => null;
    // The files it carries (files.js puts its Attachments here).
    this.files = {count: 0, ready: () => true, take: () => []};
    // Told the room whose message just went (composer-drafts.js clears that room's draft).
    this.afterSend = () => {};
    sendOnEnter(this.form, this.input, () => this.send());
    this.input.addEventListener('input', () => {
      this.fitHeight();
      this.showLength();
    });
    store.addEventListener('current', () => this.placeholder());
    store.addEventListener('rooms', () => this.placeholder());
  }

  focus() {
    this.input.focus();
  }

  send() {
    const roomId = this.store.currentRoomId;
    const content = typedMessage(this.input);
    if (!roomId || (!content && !this.files.count)) {
      return;
    }
    if (content.length > MAX_LENGTH) {
      this.showLength();
      return;
    }
    if (!this.files.ready()) {
      // The tray says what it waits for; Send stays disabled until then.
      return;
    }
    this.chat.send(roomId, content, this.takeReply(roomId, content), this.files.take());
    this.showText('');
    this.afterSend(roomId);
    this.messageList.jumpToLatest();
    this.focus();
  }

  /** Puts text in the box as if typed there (a room's draft), sized and counted. */
  showText(text) {
    this.input.value = text;
    this.fitHeight();
    this.showLength();
  }

  fitHeight() {
    // The one inline style: a textarea cannot size itself to its text with CSS alone in every browser.
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, MAX_HEIGHT_PX)}px`;
  }

  showLength() {
    const length = this.input.value.length;
    const tooLong = length > MAX_LENGTH;
    this.hint.textContent = tooLong ? tooLongWords(length) : HINT;
    this.hint.classList.toggle('is-error', tooLong);
  }

  placeholder() {
    const room = this.store.current()?.room;
    this.input.placeholder = room ? `Message ${roomLabel(room, this.store.me)}` : 'Write a message';
  }
}
