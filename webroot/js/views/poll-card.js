import {el} from '../dom.js';

/**
 * Anonymous polls do not say who chose what, so one's own choices there are remembered: from the `mine` that answers
 * to one's own requests carry (history, sync, one's votes), and from one's votes while their answers are under way.
 */
const myAnonymousChoices = new Map();

export function rememberChoice(messageId, optionIds) {
  myAnonymousChoices.set(messageId, new Set(optionIds));
}

/** The options `me` has chosen in this poll, as far as this page knows. */
export function chosenBy(item, me) {
  if (item.poll.anonymous) {
    if (!myAnonymousChoices.has(item.id) && item.poll.mine) {
      rememberChoice(item.id, item.poll.mine);
    }
    return myAnonymousChoices.get(item.id) ?? new Set();
  }
  return new Set(item.poll.options.filter(option => option.userIds?.includes(me.id)).map(option => option.id));
}

/**
 * A poll in the timeline: its options as radio buttons (single choice) or checkboxes (multiple), each with its count,
 * share of the voters and a bar; the state (voters, closing time or closed); withdraw and close buttons for those who
 * may. Choosing sends `poll.vote` (message-actions.js listens for the change).
 */
export function pollCard(item, me) {
  const poll = item.poll;
  const closed = poll.closed || (poll.closesAt && Date.parse(poll.closesAt) <= Date.now());
  const chosen = chosenBy(item, me);
  const type = poll.multiple ? 'checkbox' : 'radio';
  const options = poll.options.map(option => {
    const share = poll.voters ? Math.round(100 * option.count / poll.voters) : 0;
    return el('label', {className: chosen.has(option.id) ? 'poll-option is-chosen' : 'poll-option'},
      el('input', {type, name: `poll-${item.id}`, value: String(option.id), checked: chosen.has(option.id)}),
      el('span', {className: 'poll-text'}, option.text),
      el('span', {className: 'poll-count'}, `${option.count} · ${share}%`),
      el('progress', {className: 'poll-bar', max: Math.max(poll.voters, 1), value: option.count,
        'aria-label': `${option.text}: ${option.count} of ${poll.voters}`}));
  });
  const state = [
    `${poll.voters} ${poll.voters === 1 ? 'voter' : 'voters'}`,
    poll.multiple ? 'multiple choice' : null,
    poll.anonymous ? 'anonymous' : null,
    closed ? 'closed' : poll.closesAt ? `closes ${closesIn(poll.closesAt)}` : null,
  ].filter(Boolean).join(' · ');
  const mine = item.author.id === me.id;
  return el('div', {className: closed ? 'poll is-closed' : 'poll', dataset: {pollId: item.id}},
    el('p', {className: 'poll-question'}, poll.question),
    el('fieldset', {className: 'poll-options', disabled: closed}, el('legend', {className: 'visually-hidden'}, poll.question),
      ...options),
    el('p', {className: 'poll-state'}, state,
      !closed && chosen.size ? el('button', {type: 'button', className: 'link-button poll-withdraw'}, 'Withdraw vote') : null,
      !closed ? el('button', {type: 'button', className: mine ? 'link-button poll-close' : 'link-button poll-close needs-delete-any'},
        'Close poll') : null));
}

function closesIn(closesAt) {
  const minutes = Math.max(1, Math.round((Date.parse(closesAt) - Date.now()) / 60000));
  if (minutes < 60) {
    return `in ${minutes} min`;
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `in ${hours} h` : `on ${new Date(closesAt).toLocaleDateString()}`;
}
