import {el} from './dom.js';

/**
 * How a person is named on screen. Someone deactivated comes from the server as `{username: "", displayName:
 * "Deactivated user", deactivated: true}` to everyone without manage_users (docs/protocol.md, "People who leave"):
 * they have no @username to show, copy or mention, and nobody can message them; admins see their name, marked.
 *
 * Everyone else is named by their display name, with their @username beside it wherever the display name
 * says something else (message authors, a DM's header; the member list and mention suggestions show it always, a DM
 * in the sidebar as its tooltip). The server refuses a display name that looks like anyone else's name or username,
 * but names from before that rule, and names that a reader merely takes for one another, can still meet. The username
 * is unique and cannot pass for another, so showing it beside every different display name tells people apart
 * without the page judging which names look alike (that takes Unicode's confusables data, which only the server has).
 */

export function shownName(person) {
  return person.displayName || person.username;
}

/** Whether the display name is other than the username; in another case or width (`ALICE`, `ａｌｉｃｅ`) it is the same. */
export function namesDiffer(person) {
  return Boolean(person.displayName) && Boolean(person.username)
    && person.displayName.normalize('NFKC').toLowerCase() !== person.username;
}

/** "@bob", or "" for someone shown without a username. */
export function handleOf(person) {
  return person.username ? `@${person.username}` : '';
}

/** The fields of a person, from a user or member object that may carry more (a role, a read cursor). */
export function personOf(user) {
  return {id: user.id, username: user.username, displayName: user.displayName, deactivated: Boolean(user.deactivated)};
}

/** Their @username, muted, to put beside their display name; null when the display name is the username. */
export function usernameBeside(person) {
  return namesDiffer(person) ? el('span', {className: 'person-username'}, `@${person.username}`) : null;
}
