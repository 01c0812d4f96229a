import {api} from '../api.js';
import {byId, el} from '../dom.js';
import {SuggestionList} from './suggestion-list.js';

/** An `@` that starts a word, and what has been typed after it, right before the caret. */
const TYPING_A_MENTION = /(?:^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}_.-]*)$/u;
const MAX_SHOWN = 8;

/**
 * Suggestions while `@name` is typed in the composer: the open room's members (not oneself) whose username or display
 * name starts with what was typed, plus `@room` and `@here` for those allowed `mention_everyone`. Enter or Tab puts
 * `@username ` in place of what was typed, Escape closes until the next `@`. Members are asked once per room
 * (`GET /api/rooms/<id>/members`) and again after someone joins, leaves or is renamed.
 */
export class MentionAutocomplete {
  constructor({store, chat, permissions}) {
    this.store = store;
    this.permissions = permissions;
    this.input = byId('composer-input');
    this.members = new Map();
    this.dismissedAt = null;
    this.list = new SuggestionList({
      id: 'mention-suggestions', label: 'People to mention', className: 'command-suggestions mention-suggestions',
      optionClass: 'command-option mention-option',
      optionId: option => `mention-${option.key}`,
      dataset: option => ({username: option.key}),
      content: option => [el('span', {className: 'mention-label'}, option.label),
        el('span', {className: 'command-description'}, option.detail)],
      onPick: option => this.complete(option),
      onDismiss: () => { this.dismissedAt = this.typedAt?.start ?? null; },
    });
    this.input.addEventListener('input', () => this.update());
    store.addEventListener('current', () => this.list.close());
    chat.addEventListener('room-event', ({detail: {roomId, event}}) => {
      if (['member.joined', 'member.left', 'member.updated'].includes(event.type)) {
        this.members.delete(roomId);
      }
    });
  }

  /** What is being typed: the partial name and where its `@` is; null when the caret is not in a mention. */
  typed() {
    const before = this.input.value.slice(0, this.input.selectionStart);
    const match = TYPING_A_MENTION.exec(before);
    return match ? {query: match[1].toLowerCase(), start: before.length - match[1].length - 1} : null;
  }

  async update() {
    const typed = this.typed();
    if (!typed) {
      this.dismissedAt = null;
      this.list.close();
      return;
    }
    if (this.dismissedAt === typed.start) {
      return;
    }
    const roomId = this.store.currentRoomId;
    const members = await this.load(roomId);
    const now = this.typed();
    if (!now || now.start !== typed.start || now.query !== typed.query || roomId !== this.store.currentRoomId) {
      return; // typed on meanwhile; that input event updates
    }
    this.typedAt = typed;
    this.list.show(this.candidates(members, typed.query));
  }

  candidates(members, query) {
    const people = members
      .filter(member => member.id !== this.store.me.id && !member.deactivated)
      .filter(member => member.username.startsWith(query) || (member.displayName || '').toLowerCase().startsWith(query))
      .map(member => ({key: member.username, label: member.displayName || member.username, detail: `@${member.username}`}));
    const everyone = this.permissions.has('mention_everyone')
      ? [{key: 'room', label: '@room', detail: 'everyone in this room'}, {key: 'here', label: '@here', detail: 'everyone in this room'}]
        .filter(option => option.key.startsWith(query))
      : [];
    return [...people.slice(0, MAX_SHOWN), ...everyone];
  }

  load(roomId) {
    if (!this.members.has(roomId)) {
      this.members.set(roomId, api.members(roomId).catch(() => {
        this.members.delete(roomId);
        return [];
      }));
    }
    return this.members.get(roomId);
  }

  complete(option) {
    const typed = this.typed() ?? this.typedAt;
    if (!typed) {
      return;
    }
    const value = this.input.value;
    const end = this.input.selectionStart;
    const inserted = `@${option.key} `;
    this.input.value = value.slice(0, typed.start) + inserted + value.slice(end).replace(/^ /, '');
    const caret = typed.start + inserted.length;
    this.input.setSelectionRange(caret, caret);
    this.list.close();
    this.input.focus();
    this.input.dispatchEvent(new Event('input'));
  }
}
