import {el, fullTime} from '../dom.js';

let cards = 0;

/**
 * One announcement: title, sender, time, the body as plain text (its line breaks kept by CSS), the reaction chips
 * (the look of a message's, see reactions.js) and, where the sender asked for it, Acknowledge or when it was given.
 * Clicks are the caller's to handle: `data-action` "acknowledge" and "react" (the + chip), and chips by
 * `data-emoji` with `aria-pressed` for one's own. `asRecipient: false` is the sender's view: nothing to acknowledge.
 */
export function announcementCard(item, {asRecipient = true} = {}) {
  const titleId = `announcement-title-${++cards}`;
  const unread = asRecipient && !item.readAt;
  return el('article', {
    className: `announcement-card${unread ? ' is-unread' : ''}`, dataset: {announcementId: item.id},
    'aria-labelledby': titleId,
  },
  el('header', {className: 'announcement-header'},
    el('h3', {className: 'announcement-title', id: titleId}, item.title),
    unread ? el('span', {className: 'announcement-new'}, 'New') : null),
  el('p', {className: 'announcement-meta'}, `From ${senderName(item)} · `,
    el('time', {dateTime: item.createdAt}, fullTime(item.createdAt))),
  el('p', {className: 'announcement-body'}, item.body),
  reactionChips(item),
  asRecipient ? acknowledgement(item) : requested(item));
}

export function senderName(item) {
  return item.sender.displayName || item.sender.username;
}

function reactionChips(item) {
  return el('div', {className: 'reactions', role: 'group', 'aria-label': 'Reactions'},
    item.reactions.map(({emoji, count, mine}) => el('button', {
      type: 'button', className: 'reaction-chip', 'aria-pressed': String(Boolean(mine)),
      'aria-label': `${emoji} ${count}${mine ? ', including you' : ''}`, dataset: {emoji},
    }, el('span', {className: 'reaction-emoji', 'aria-hidden': 'true'}, emoji),
    el('span', {className: 'reaction-count', 'aria-hidden': 'true'}, String(count)))),
    el('button', {type: 'button', className: 'reaction-chip reaction-add', title: 'Add a reaction',
      'aria-label': 'Add a reaction', dataset: {action: 'react'}}, '+'));
}

function acknowledgement(item) {
  if (!item.requireAck) {
    return null;
  }
  if (item.ackedAt) {
    return el('p', {className: 'announcement-acked'}, 'You acknowledged this · ',
      el('time', {dateTime: item.ackedAt}, fullTime(item.ackedAt)));
  }
  return el('div', {className: 'announcement-actions'},
    el('span', {className: 'announcement-asks'}, `${senderName(item)} asks you to acknowledge this.`),
    el('button', {type: 'button', className: 'button primary small', dataset: {action: 'acknowledge'}}, 'Acknowledge'));
}

function requested(item) {
  return item.requireAck ? el('p', {className: 'announcement-asks'}, 'Recipients are asked to acknowledge it.') : null;
}

/**
 * What a click on a card does, for every card inside `container`: a chip toggles one's reaction with its emoji, +
 * opens the emoji picker, Acknowledge acknowledges. `get(id)` answers the card's announcement as held now; failures
 * go to `refused(error)`.
 */
export function handleCardClicks(container, {get, picker, react, acknowledge, refused}) {
  container.addEventListener('click', event => {
    const card = event.target.closest('.announcement-card');
    const button = event.target.closest('button');
    const item = card && button ? get(card.dataset.announcementId) : null;
    if (!item) {
      return;
    }
    if (button.dataset.action === 'acknowledge') {
      button.disabled = true;
      acknowledge(item.id).catch(error => {
        button.disabled = false;
        refused(error);
      });
    } else if (button.dataset.action === 'react') {
      picker.open(button, emoji => toggle(item.id, emoji));
    } else if (button.dataset.emoji) {
      toggle(item.id, button.dataset.emoji);
    }
  });
  const toggle = (id, emoji) => {
    const mine = get(id)?.reactions.some(reaction => reaction.emoji === emoji && reaction.mine) ?? false;
    react(id, emoji, !mine).catch(refused);
  };
}

/** Runs `render`, which rebuilds the cards in `container`, and puts the focus back on the same button of the same card. */
export function keepingFocus(container, render) {
  const focused = container.contains(document.activeElement) ? document.activeElement : null;
  const id = focused?.closest('.announcement-card')?.dataset.announcementId;
  const {action, emoji} = focused?.dataset ?? {};
  render();
  if (!id) {
    return;
  }
  const card = container.querySelector(`.announcement-card[data-announcement-id="${CSS.escape(id)}"]`);
  const selector = action ? `[data-action="${CSS.escape(action)}"]` : emoji ? `[data-emoji="${CSS.escape(emoji)}"]` : null;
  const again = (selector && card?.querySelector(selector)) || card?.querySelector('.reaction-add');
  again?.focus({preventScroll: true});
}
