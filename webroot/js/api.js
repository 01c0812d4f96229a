import {ApiError} from './errors.js';

/**
 * Where and how REST calls go. The web app calls its own origin with the session, an HttpOnly cookie; the server only
 * accepts state-changing calls made with it when they carry a JSON body, so every POST/DELETE sends one. The widget
 * (see `useToken`) calls Parley's origin with the host page's Bearer token and sends no cookie at all.
 */
const transport = {base: '', token: null};

/** `token`: the widget's HostToken, asked for the token to send, and for a fresh one when the server answers 401. */
export function useToken(base, token) {
  transport.base = base;
  transport.token = token;
}

export async function call(method, path, body) {
  const {token} = transport;
  if (!token) {
    return send(method, path, body, null);
  }
  const given = await token.current();
  try {
    return await send(method, path, body, given);
  } catch (error) {
    // A 401 about the token (not a wrong password's) comes before the server does anything: safe to make again.
    if (error.status !== 401 || error.slug === 'invalid_credentials') {
      throw error;
    }
    return send(method, path, body, await token.renew(given));
  }
}

async function send(method, path, body, bearer) {
  // With the cookie, 'include' (same-origin only, see connect-src) so that a GET can take the answer preloaded by index.html.
  const options = {method, credentials: bearer ? 'omit' : 'include', headers: {Accept: 'application/json'}};
  if (bearer) {
    options.headers.Authorization = `Bearer ${bearer}`;
  }
  if (method !== 'GET') {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(transport.base + path, options);
  } catch {
    throw new ApiError('network');
  }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(payload.error || 'internal_error', response.status, payload.message);
  }
  return payload;
}

const roomPath = id => `/api/rooms/${encodeURIComponent(id)}`;

export const api = {
  /** displayName and inviteCode are sent only when given. */
  register: (username, password, {displayName, inviteCode} = {}) => call('POST', '/api/auth/register',
    {username, password, ...(displayName ? {displayName} : {}), ...(inviteCode ? {inviteCode} : {})}),
  login: (username, password) => call('POST', '/api/auth/login', {username, password}),
  /** `{logoutUrl?}`: where to go next to sign out of the identity provider too, when it signed this session in. */
  logout: () => call('POST', '/api/auth/logout'),
  /** How people sign in here: `{passwords, providers: [{name, startUrl}]}`. */
  signInWays: () => call('GET', '/api/auth/providers'),
  /** The signed-in user, or null when there is no valid session. */
  me: async () => {
    try {
      return (await call('GET', '/api/auth/me')).user;
    } catch (error) {
      if (error.status === 401) {
        return null;
      }
      throw error;
    }
  },
  rooms: async () => (await call('GET', '/api/rooms')).rooms,
  browseRooms: async () => (await call('GET', '/api/rooms/browse')).rooms,
  createRoom: async (name, description, isPrivate) =>
    (await call('POST', '/api/rooms', {name, description: description || undefined, private: isPrivate})).room,
  joinRoom: async id => (await call('POST', `${roomPath(id)}/join`)).room,
  leaveRoom: id => call('POST', `${roomPath(id)}/leave`),
  members: async id => (await call('GET', `${roomPath(id)}/members`)).members,
  /** The people one can pick: with `manage_users` the server lists the deactivated too, who cannot be messaged. */
  users: async () => (await call('GET', '/api/users')).users.filter(user => !user.deactivated),
  /** The DM with that person: the existing one, or a new one. */
  startDm: async userId => (await call('POST', '/api/dms', {userId})).room,
  startGroup: async (userIds, name) => (await call('POST', '/api/groups', {userIds, ...(name ? {name} : {})})).room,
  /** The newest page of a room, as chat.history answers it: {messages, more}. */
  latestMessages: (id, limit) => call('GET', `${roomPath(id)}/messages?limit=${limit}`),
  /** The page of a room before `before` (a seq; null for the newest), as chat.history answers it. */
  messagesBefore: (id, before, limit) => call('GET', `${roomPath(id)}/messages?${query({before, limit})}`),
  /** `{message}`: one message of the room, as history shows it (a permalink's target). */
  message: (id, messageId) => call('GET', `${roomPath(id)}/messages/${encodeURIComponent(messageId)}`),
  /** `{results: [{message, roomId, snippet, highlights}], cursor}`, newest first; see protocol.md's chat.search. */
  search: (q, cursor, limit) => call('GET', `/api/search?${query({q, cursor, limit})}`),
};

function query(params) {
  return new URLSearchParams(Object.entries(params).filter(([, value]) => value !== null && value !== undefined)).toString();
}
