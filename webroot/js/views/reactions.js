import {api} from '../api.js';
import {el} from '../dom.js';

/**
 * The reactions under a message: a chip per emoji with its count, pressed when one of them is yours (clicking
 * toggles yours, see message-actions.js), and a button to add another. Who reacted is in the chip's title, named
 * when it is hovered or focused: from the authors held and, for anyone else, the room's member list (asked once).
 */
export function reactionChips(item, me) {
  if (item.deleted || !item.reactions?.length) {
    return null;
  }
  return el('div', {className: 'reactions', role: 'group', 'aria-label': 'Reactions'},
    item.reactions.map(reaction => {
      const mine = reaction.userIds.includes(me.id);
      return el('button', {
        type: 'button', className: 'reaction-chip', 'aria-pressed': String(mine),
        'aria-label': `${reaction.emoji} ${reaction.count}${mine ? ', including you' : ''}`,
        dataset: {emoji: reaction.emoji},
      }, el('span', {className: 'reaction-emoji', 'aria-hidden': 'true'}, reaction.emoji),
      el('span', {className: 'reaction-count', 'aria-hidden': 'true'}, String(reaction.count)));
    }),
    el('button', {type: 'button', className: 'reaction-chip reaction-add', title: 'Add a reaction',
      'aria-label': 'Add a reaction', dataset: {action: 'react'}}, '+'));
}

/** Names for the reactors of a chip. */
export class ReactorNames {
  constructor(store) {
    this.store = store;
    this.members = new Map();
  }

  /** Sets the chip's title to who reacted; asks for the room's members once if someone is not known yet. */
  async describe(chip, roomId, item) {
    const reaction = item?.reactions?.find(candidate => candidate.emoji === chip.dataset.emoji);
    if (!reaction) {
      return;
    }
    const names = this.namesOf(roomId, reaction.userIds);
    chip.title = `${listed(names)} reacted with ${reaction.emoji}`;
    if (names.includes(null) && !this.members.has(roomId)) {
      this.members.set(roomId, new Map());
      try {
        const members = await api.members(roomId);
        this.members.set(roomId, new Map(members.map(member => [member.id, member.displayName || member.username])));
        chip.title = `${listed(this.namesOf(roomId, reaction.userIds))} reacted with ${reaction.emoji}`;
      } catch {
        this.members.delete(roomId);
      }
    }
  }

  namesOf(roomId, userIds) {
    const state = this.store.room(roomId);
    return userIds.map(userId => {
      if (userId === this.store.me.id) {
        return 'You';
      }
      for (const message of state?.messages.values() ?? []) {
        if (message.author.id === userId) {
          return message.author.displayName || message.author.username;
        }
      }
      return this.members.get(roomId)?.get(userId) ?? null;
    });
  }
}

function listed(names) {
  const known = names.map(name => name ?? 'someone');
  if (known.length <= 1) {
    return known.join('');
  }
  return `${known.slice(0, -1).join(', ')} and ${known[known.length - 1]}`;
}
