import {call} from './api.js';

/** The push part of the REST API (docs/protocol.md, "Push notifications"). */
export const pushApi = {
  vapidPublicKey: async () => (await call('GET', '/api/push/vapid-public-key')).publicKey,
  /** `subscription` is what `PushSubscription.toJSON()` gives: {endpoint, keys: {p256dh, auth}}. */
  addBrowser: async ({endpoint, keys}) => (await call('POST', '/api/push/subscriptions',
    {kind: 'webpush', endpoint, keys: {p256dh: keys?.p256dh, auth: keys?.auth}})).subscription,
  devices: async () => (await call('GET', '/api/push/subscriptions')).subscriptions,
  removeDevice: id => call('DELETE', `/api/push/subscriptions/${encodeURIComponent(id)}`),
  settings: () => call('GET', '/api/push/settings'),
  /** {level?, previews?}; answers the settings. */
  changeSettings: changes => call('PATCH', '/api/push/settings', changes),
  /** `level`: all, mentions, nothing, or null (the person's own level); answers the settings. */
  setRoomLevel: (roomId, level) => call('POST', `/api/push/rooms/${encodeURIComponent(roomId)}`, {level}),
};
