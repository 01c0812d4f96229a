/**
 * How the app shows a person. Someone deactivated comes from the server as `{username: "", displayName:
 * "Deactivated user", deactivated: true}` to everyone without manage_users (docs/protocol.md, "People who leave"):
 * they have no @username to show, copy or mention, and nobody can message them; admins see their name, marked.
 */

/** "@bob", or "" for someone shown without a username. */
export function handleOf(person) {
  return person.username ? `@${person.username}` : '';
}

/** The fields of a person, from a user or member object that may carry more (a role, a read cursor). */
export function personOf(user) {
  return {id: user.id, username: user.username, displayName: user.displayName, deactivated: Boolean(user.deactivated)};
}
