import {el, fullTime} from '../dom.js';
import {attachmentList} from './attachments.js';
import {icon} from './icons.js';
import {pollCard} from './poll-card.js';
import {reactionChips} from './reactions.js';
import {quoteNode} from './reply.js';

/** The message being edited in place, and its draft, so that a row rebuilt meanwhile keeps the editor. */
export const editing = {id: null, draft: '', attach: null};

/**
 * What a message row gets from message changes: the quoted original above a reply, the files it carries (see
 * attachments.js), "(edited)", a muted "message deleted" in place of what a deleted message said, the reaction
 * chips, and the actions toolbar (react, reply, edit, copy link, delete) shown on hover, focus or a tap. Delete on others' messages is drawn for everyone and shown
 * by CSS only while the list says `may-delete-any` (message-actions.js follows the permission), so a role change
 * needs no re-render.
 */
export function addMessageParts(node, item, me) {
  const stored = item.seq !== undefined;
  const body = node.querySelector('.message-body');
  if (item.replyTo) {
    body.before(quoteNode(item.replyTo));
  }
  if (item.deleted) {
    node.classList.add('is-deleted');
    body.replaceChildren(el('span', {className: 'deleted-text'}, 'message deleted'));
    return node;
  }
  if (item.kind === 'poll' && item.poll) {
    body.replaceChildren(pollCard(item, me));
  }
  if (item.attachments?.length) {
    body.after(attachmentList(item.attachments));
  }
  if (item.editedAt) {
    body.append(' ', el('span', {className: 'message-edited', title: `Edited ${fullTime(item.editedAt)}`}, '(edited)'));
  }
  const chips = stored ? reactionChips(item, me) : null;
  if (chips) {
    node.querySelector('.message-main').append(chips);
  }
  if (stored) {
    node.append(toolbar(item, me));
    if (editing.id === item.id && editing.attach) {
      editing.attach(node, item);
    }
  }
  return node;
}

/** Whether `me` may change the text of this message: one's own words, not what a command did nor a poll. */
export function isEditable(item, me) {
  return item.seq !== undefined && !item.deleted && item.author.id === me.id && ['text', 'action'].includes(item.kind || 'text');
}

/** One tab stop per message: the arrow keys move between its buttons (see message-actions.js). */
function toolbar(item, me) {
  const mine = item.author.id === me.id;
  const button = (action, label, extra = '') => el('button', {
    type: 'button', className: `message-action ${extra}`.trim(), title: label, 'aria-label': label,
    tabIndex: action === 'react' ? 0 : -1, dataset: {action},
  }, icon(action));
  return el('div', {className: 'message-actions', role: 'toolbar', 'aria-label': 'Message actions'},
    button('react', 'Add a reaction'),
    button('reply', 'Reply'),
    isEditable(item, me) ? button('edit', 'Edit') : null,
    button('link', 'Copy link'),
    button('delete', 'Delete', mine ? '' : 'needs-delete-any'));
}
