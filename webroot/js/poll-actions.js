import {byId} from './dom.js';
import {wordsFor} from './errors.js';
import {chosenBy, rememberChoice} from './views/poll-card.js';

/**
 * Voting in the open room's polls (the cards are drawn by views/poll-card.js): changing an option sends one's whole
 * choice with `poll.vote`; "Withdraw vote" sends none; "Close poll" sends `poll.close`. The answer goes into the
 * store at once, and `poll.updated` brings everyone else's votes.
 */
export function mountPollActions({store, changes, notices}) {
  const list = byId('message-list');
  const refused = error => notices.show(wordsFor(error));
  const pollOf = node => {
    const row = node.closest('.poll[data-poll-id]')?.closest('.message[data-seq]');
    const item = row && store.current()?.messages.get(Number(row.dataset.seq));
    return item?.poll ? {card: row.querySelector('.poll'), item} : null;
  };
  const vote = (item, optionIds) => {
    const before = chosenBy(item, store.me);
    // An anonymous poll never says whose votes it counts: this page remembers its own, and forgets a refused one.
    rememberChoice(item.id, optionIds);
    changes.vote(store.currentRoomId, item.id, optionIds).catch(error => {
      rememberChoice(item.id, [...before]);
      store.emit('messages', {roomId: store.currentRoomId});
      refused(error);
    });
  };

  list.addEventListener('change', event => {
    const poll = event.target.matches('.poll input') ? pollOf(event.target) : null;
    if (poll) {
      vote(poll.item, [...poll.card.querySelectorAll('input:checked')].map(input => Number(input.value)));
    }
  });
  list.addEventListener('click', event => {
    const button = event.target.closest('.poll-withdraw, .poll-close');
    const poll = button ? pollOf(button) : null;
    if (!poll) {
      return;
    }
    if (button.classList.contains('poll-withdraw')) {
      vote(poll.item, []);
    } else {
      changes.closePoll(store.currentRoomId, poll.item.id).catch(refused);
    }
  });
}
