import {ApiError} from './errors.js';
import {pushApi} from './push-api.js';

const WORKER = '/sw.js';
// A worker that fails to install never becomes ready; signing out must not wait for it forever.
const READY_WITHIN_MS = 5000;
// A browser that cannot reach its push service may never answer a subscribe (headless Chromium without internet
// does not); localStorage `parley.pushSubscribeSeconds` shortens the wait for tests, read when the page starts.
const SUBSCRIBE_WITHIN_MS = 1000 * (Number(storedSetting('parley.pushSubscribeSeconds')) || 20);

/**
 * This browser as a push device: the service worker, the browser's permission, its push subscription, and that
 * subscription on the server. One browser serves whoever signs in to it, so a subscription the server does not list
 * as this person's is dropped, and signing out drops it too.
 */
export class PushDevice {
  constructor() {
    this.supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
    this.registration = null;
  }

  /** "default", "granted", "denied", or "unsupported". */
  permission() {
    return this.supported ? Notification.permission : 'unsupported';
  }

  /** Registers the worker (a no-op when it already is), then drops a subscription left by someone else. */
  start() {
    if (!this.supported) {
      return Promise.resolve();
    }
    this.registration = navigator.serviceWorker.register(WORKER).then(() => navigator.serviceWorker.ready);
    this.registration.catch(() => {});
    return this.dropForeignSubscription().catch(() => {});
  }

  ready() {
    return this.registration ? within(READY_WITHIN_MS, this.registration, 'push_unsupported')
      : Promise.reject(new ApiError('push_unsupported'));
  }

  /** This browser's push subscription, or null. */
  async subscription() {
    return this.registration ? (await this.ready()).pushManager.getSubscription() : null;
  }

  /** Asks for the permission (call it from a click), subscribes, and tells the server; answers the server's device. */
  async enable() {
    if (!this.supported) {
      throw new ApiError('push_unsupported');
    }
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      throw new ApiError(permission === 'denied' ? 'push_blocked' : 'push_dismissed');
    }
    const registration = await this.ready();
    const key = await pushApi.vapidPublicKey();
    // A subscription that comes after all is not on the server, so the next page load drops it.
    const subscription = await within(SUBSCRIBE_WITHIN_MS,
      registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: keyBytes(key)}),
      'push_service_unreachable');
    try {
      return await pushApi.addBrowser(subscription.toJSON());
    } catch (error) {
      await subscription.unsubscribe().catch(() => {});
      throw error;
    }
  }

  /** Stops this browser's pushes: off the server (while signed in, `tellServer`), unsubscribed, notifications closed. */
  async forget({tellServer}) {
    try {
      const registration = await this.ready();
      const subscription = await registration.pushManager.getSubscription();
      if (subscription && tellServer) {
        const id = ownId(await pushApi.devices(), subscription);
        if (id) {
          await pushApi.removeDevice(id);
        }
      }
      await subscription?.unsubscribe();
      (await registration.getNotifications()).forEach(notification => notification.close());
    } catch {
      // Signing out goes on; an unsubscribed browser the server still lists is forgotten at its first push (410).
    }
  }

  async dropForeignSubscription() {
    const subscription = await this.subscription();
    if (subscription && !ownId(await pushApi.devices(), subscription)) {
      await subscription.unsubscribe();
    }
  }
}

/** The promise's outcome, or an ApiError with `slug` when it fails or takes longer than `ms`. */
function within(ms, promise, slug) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new ApiError(slug)), ms);
  });
  return Promise.race([promise.catch(() => { throw new ApiError(slug); }), late]).finally(() => clearTimeout(timer));
}

function storedSetting(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The server's id for a subscription among `devices`, or null. */
export function ownId(devices, subscription) {
  return subscription ? devices.find(device => device.endpoint === subscription.endpoint)?.id ?? null : null;
}

/** The VAPID key as `pushManager.subscribe` wants it: bytes, from the server's base64url. */
export function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - base64.length % 4) % 4)), char => char.charCodeAt(0));
}
