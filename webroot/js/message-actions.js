import {copyText} from './clipboard.js';
import {byId} from './dom.js';
import {wordsFor} from './errors.js';
import {MessageChanges} from './message-changes.js';
import {permalink} from './message-links.js';
import {mountPollActions} from './poll-actions.js';
import {PollDialog} from './views/poll-dialog.js';
import {askConfirm} from './views/ask-dialog.js';
import {EmojiPicker, remember} from './views/emoji-picker.js';
import {MessageEditor} from './views/message-editor.js';
import {isEditable} from './views/message-parts.js';
import {ReactorNames} from './views/reactions.js';
import {ReplyBar, showOriginal} from './views/reply.js';

const TOO_FAR_BACK = 'The original message is too far back to show here; scroll up to find it.';

/**
 * What one can do with a message, mounted by one call in app.js: the toolbar on each message (hover, keyboard
 * focus, or a tap on touch screens) to react, reply, edit (one's own), copy its permalink (see message-links.js) and
 * delete (one's own, or any with `delete_any_message`, after a confirmation); the reaction chips; the quote above a
 * reply, which jumps to the original; the reply bar above the message box; Up in an empty message box edits one's
 * last message. Answers `{replyBar}`, which the drafts keep per room.
 */
export function mountMessageActions({store, chat, connection, permissions, notices, composer}) {
  const list = byId('message-list');
  const input = byId('composer-input');
  const touch = window.matchMedia('(hover: none)');
  const changes = new MessageChanges(store, connection);
  const picker = new EmojiPicker();
  const names = new ReactorNames(store);
  const replyBar = new ReplyBar();
  const editor = new MessageEditor({list, composerInput: input,
    save: (messageId, content) => changes.edit(store.currentRoomId, messageId, content)});
  composer.takeReply = (roomId, content) => replyBar.take(roomId, content);
  mountPollActions({store, changes, notices});
  new PollDialog({store, connection, permissions});

  const followPermission = () => list.classList.toggle('may-delete-any', permissions.has('delete_any_message'));
  permissions.addEventListener('change', followPermission);
  followPermission();
  store.addEventListener('current', () => {
    editor.cancel(false);
    picker.close(false);
  });

  const refused = error => notices.show(wordsFor(error));
  const held = seq => store.current()?.messages.get(seq);
  const toggleReaction = (seq, emoji) => {
    const item = held(seq);
    if (!item || item.deleted) {
      return;
    }
    const mine = item.reactions.find(reaction => reaction.emoji === emoji)?.userIds.includes(store.me.id) ?? false;
    if (!mine) {
      remember(emoji);
    }
    changes.react(store.currentRoomId, item.id, emoji, !mine).catch(refused);
  };
  const confirmDelete = item => {
    const roomId = store.currentRoomId;
    const whose = item.author.id === store.me.id ? 'Your message' : `${item.author.displayName || item.author.username}'s message`;
    askConfirm({
      title: 'Delete this message?',
      text: `${whose} will show as "message deleted" for everyone. This cannot be undone.`,
      confirmLabel: 'Delete',
      submit: () => changes.remove(roomId, item.id),
    }).then(done => done && input.focus());
  };
  // Where the browser refuses the clipboard, the notice shows the link to copy by hand.
  const copyLink = item => {
    const link = permalink(item);
    copyText(link).then(copied => notices.show(copied ? 'Link copied.' : `The link to this message: ${link}`));
  };
  const run = {
    react: (row, item, button) => picker.open(button, emoji => toggleReaction(item.seq, emoji)),
    reply: (row, item) => replyBar.start(store.currentRoomId, item),
    edit: (row, item) => editor.start(row, item),
    delete: (row, item) => confirmDelete(item),
    link: (row, item) => copyLink(item),
  };

  list.addEventListener('click', event => {
    const quote = event.target.closest('button.message-quote');
    if (quote) {
      showOriginal({store, chat}, store.currentRoomId, Number(quote.dataset.quoteSeq))
        .then(found => found || notices.show(TOO_FAR_BACK));
      return;
    }
    const row = event.target.closest('.message[data-seq]');
    const item = row && held(Number(row.dataset.seq));
    if (!item) {
      return;
    }
    const action = event.target.closest('button[data-action]');
    const chip = event.target.closest('button.reaction-chip[data-emoji]');
    if (action) {
      run[action.dataset.action](row, item, action);
    } else if (chip) {
      toggleReaction(item.seq, chip.dataset.emoji);
    } else if (touch.matches && !event.target.closest('a, button, textarea, form, label, input')) {
      activate(row);
    }
  });
  // A long press on a touch screen: the actions, not the browser's menu (names and avatars keep the user menu).
  list.addEventListener('contextmenu', event => {
    const row = event.target.closest('.message[data-seq]');
    if (touch.matches && row && !event.target.closest('.message-author, .avatar, a')) {
      event.preventDefault();
      activate(row, true);
    }
  });
  const activate = (row, on = !row.classList.contains('is-active')) => {
    list.querySelectorAll('.message.is-active').forEach(other => other.classList.remove('is-active'));
    row.classList.toggle('is-active', on);
  };

  const describe = event => {
    const chip = event.target.closest?.('button.reaction-chip[data-emoji]');
    const row = chip?.closest('.message[data-seq]');
    if (row) {
      names.describe(chip, store.currentRoomId, held(Number(row.dataset.seq)));
    }
  };
  list.addEventListener('pointerover', describe);
  list.addEventListener('focusin', describe);

  // The toolbar is one tab stop; the arrow keys, Home and End move along it.
  list.addEventListener('keydown', event => {
    const bar = event.target.closest?.('.message-actions');
    const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
    if (!bar || !(step || event.key === 'Home' || event.key === 'End')) {
      return;
    }
    const buttons = [...bar.querySelectorAll('button')].filter(button => button.getClientRects().length > 0);
    const index = buttons.indexOf(event.target);
    const next = step ? buttons[(index + step + buttons.length) % buttons.length]
      : buttons[event.key === 'Home' ? 0 : buttons.length - 1];
    event.preventDefault();
    buttons.forEach(button => { button.tabIndex = button === next ? 0 : -1; });
    next.focus();
  });

  input.addEventListener('keydown', event => {
    if (event.key !== 'ArrowUp' || input.value || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    const last = store.current()?.sortedMessages().findLast(item => isEditable(item, store.me));
    const row = last && list.querySelector(`.message[data-seq="${last.seq}"]`);
    if (row) {
      event.preventDefault();
      row.scrollIntoView({block: 'nearest'});
      editor.start(row, last);
    }
  });
  return {replyBar};
}
