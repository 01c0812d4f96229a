import {call} from './api.js';

const path = id => `/api/announcements/${encodeURIComponent(id)}`;
const query = params => {
  const given = Object.entries(params).filter(([, value]) => value !== undefined && value !== null);
  return given.length ? `?${new URLSearchParams(given)}` : '';
};

/** The REST calls of announcements (docs/protocol.md, "Announcements"). */
export const announcementsApi = {
  /** {unread, read, unreadCount, more}: every unread one, then read ones, older with `before`. */
  inbox: (before) => call('GET', `/api/announcements${query({before})}`),
  /** {announcements, more}: those one sent (all of them, with manage_announcements). */
  sent: (before) => call('GET', `/api/announcements/sent${query({before})}`),
  /** {announcement, recipients}. `audience` is {all: true} or {userIds, roleIds, roomIds}. */
  send: ({title, body, requireAck, audience}) => call('POST', '/api/announcements', {title, body, requireAck, audience}),
  read: async id => (await call('POST', `${path(id)}/read`)).announcement,
  acknowledge: async id => (await call('POST', `${path(id)}/ack`)).announcement,
  react: async (id, emoji, on) => (await call('POST', `${path(id)}/reactions`, {emoji, on})).announcement,
  /** {announcement, recipients, delivered, read, acknowledged, notRead, next}. */
  stats: (id, {after, limit} = {}) => call('GET', `${path(id)}/stats${query({after, limit})}`),
  withdraw: id => call('DELETE', path(id)),
};
