import {call} from './api.js';

const id = value => encodeURIComponent(value);

/** The REST calls of one's own account: sessions, password, and the reset links (see docs/protocol.md, "Passwords"). */
export const accountApi = {
  /** [{id, userAgent, ip, createdAt, lastSeenAt, current}], most recently used first. */
  sessions: async () => (await call('GET', '/api/auth/sessions')).sessions,
  endSession: sessionId => call('DELETE', `/api/auth/sessions/${id(sessionId)}`),
  /** Ends every session, this one included; answers how many. */
  signOutEverywhere: async () => (await call('POST', '/api/auth/logout-everywhere')).ended,
  /** Answers how many other sessions ended. */
  changePassword: async (current, password) =>
    (await call('POST', '/api/auth/password', {current, new: password})).endedSessions,
  /** {valid, username?}: whether a reset link still works, and whose it is. */
  checkReset: code => call('GET', `/api/auth/reset/${id(code)}`),
  /** Sets the password and signs in: {user, token}, as a login answers. */
  redeemReset: (code, password) => call('POST', '/api/auth/reset', {code, password}),
};
