/* global EventBus -- from vendor/vertx-eventbus-1.0.0.js, loaded by a classic script tag before the app's modules */
import {ApiError} from './errors.js';

const REQUEST_TIMEOUT_MS = 35_000; // a little over the bridge's own 30 s reply timeout
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 15_000;
// The server closes a connection whose sign-in session ended (signed out elsewhere, a new password, deactivated) with
// 4001 session_ended: reconnecting cannot work. It closes one past the person's cap of connections with 4002
// too_many_connections right after it opened: worth trying again, but only slowly, since it stays refused until
// another tab or device lets go. A SockJS session closes with SockJS's own 3000 whatever the server asked, so the
// server says the reason first, in an error frame with no address (the client's onerror).
const SESSION_ENDED = [4001, 'session_ended'];
const TOO_MANY_CONNECTIONS = [4002, 'too_many_connections'];
const CROWDED_BASE_MS = 2_000;
const CROWDED_MAX_MS = 60_000;
// After a 4002, an open counts only once it has lasted this long: the refusal follows the open at once, and the app
// should neither catch up nor hide the notice for a connection that is about to be closed again.
const PROBATION_MS = 1_000;
// The only transports the server offers; asking for others would cost a failed attempt each.
const TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling'];

/**
 * The event-bus bridge connection, kept alive for the whole session.
 *
 * The vendored client forgets its handlers and pending replies whenever its socket closes, so this class owns them:
 * a fresh EventBus per attempt, subscriptions re-registered on every open, and in-flight requests failed with
 * `disconnected` instead of hanging. It retries with capped exponential backoff and full jitter, so a restarted
 * server is not hit by every client at once.
 *
 * Events: `state` (detail: {state: 'idle'|'connecting'|'open'|'waiting', retryAt, crowded}); `open` after every
 * (re)connect, once subscriptions are registered; `refused` when an attempt failed before the socket ever opened;
 * `session-ended` when the server closed the socket because its sign-in session ended (it does not reconnect then).
 * `crowded` is true from a 4002 close until a connection lasts.
 *
 * `url`: the bridge's address, or a function answering it for each attempt (the widget's carries a token that can
 * change). `eventBus`: the EventBus class, when it is not the page's global one (the widget defines no globals).
 */
export class Connection extends EventTarget {
  constructor(url, {eventBus = null} = {}) {
    super();
    this.url = url;
    this.Bus = eventBus;
    this.state = 'idle';
    this.eventBus = null;
    this.subscriptions = new Map();
    this.pending = new Map();
    this.attempts = 0;
    this.crowded = 0;
    this.retryTimer = null;
    this.probationTimer = null;
    this.stopped = true;
    this.nextRequestId = 0;
    this.opens = 0;
    window.addEventListener('online', () => this.reconnectNow());
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.probationTimer);
    const eventBus = this.eventBus;
    this.eventBus = null;
    if (eventBus) {
      eventBus.close();
    }
    this.failPending('disconnected');
    this.subscriptions.clear();
    this.setState('idle');
  }

  /** Skips the rest of the backoff wait, e.g. when the browser comes back online or the user asks. */
  reconnectNow() {
    if (!this.stopped && this.state === 'waiting') {
      clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  /** Closes the socket as a network failure would; the usual reconnect follows. */
  simulateDrop() {
    if (this.eventBus) {
      this.eventBus.close();
    }
  }

  /** Stays registered across reconnects until unsubscribe. The handler gets each message body. */
  subscribe(address, handler) {
    if (this.subscriptions.has(address)) {
      return;
    }
    const listener = (error, message) => {
      if (!error && message && message.body) {
        handler(message.body);
      }
    };
    this.subscriptions.set(address, listener);
    if (this.busOpen()) {
      this.eventBus.registerHandler(address, {}, listener);
    }
  }

  unsubscribe(address) {
    const listener = this.subscriptions.get(address);
    this.subscriptions.delete(address);
    if (listener && this.busOpen()) {
      this.eventBus.unregisterHandler(address, {}, listener);
    }
  }

  /** Resolves with the reply body; rejects with an ApiError carrying the service's slug and status. */
  request(address, body) {
    if (!this.busOpen()) {
      return Promise.reject(new ApiError('offline'));
    }
    return new Promise((resolve, reject) => {
      const id = ++this.nextRequestId;
      const timer = setTimeout(() => this.settle(id, new ApiError('timeout')), REQUEST_TIMEOUT_MS);
      this.pending.set(id, {resolve, reject, timer});
      this.eventBus.send(address, body, {}, (error, reply) =>
        error ? this.settle(id, new ApiError(error.message || 'internal_error', error.failureCode)) : this.settle(id, null, reply.body));
    });
  }

  /** The client throws on any use of a socket that is closing, which happens before its onclose arrives. */
  busOpen() {
    return this.state === 'open' && this.eventBus !== null && this.eventBus.state === this.busClass().OPEN;
  }

  busClass() {
    return this.Bus ?? EventBus;
  }

  settle(id, error, body) {
    const entry = this.pending.get(id);
    if (!entry) {
      return;
    }
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (error) {
      entry.reject(error);
    } else {
      entry.resolve(body);
    }
  }

  failPending(slug) {
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new ApiError(slug));
    }
  }

  connect() {
    this.setState('connecting');
    const Bus = this.busClass();
    const url = typeof this.url === 'function' ? this.url() : this.url;
    const eventBus = new Bus(url, {vertxbus_ping_interval: 20_000, transports: TRANSPORTS});
    this.eventBus = eventBus;
    let opened = false;
    let closeReason = null;
    eventBus.onerror = error => {
      if (error?.type === 'err' && !error.address && typeof error.body === 'string') {
        closeReason = error.body;
      }
    };
    eventBus.onopen = () => {
      if (this.eventBus !== eventBus) {
        return;
      }
      opened = true;
      if (this.crowded) {
        this.probationTimer = setTimeout(() => this.opened(eventBus), PROBATION_MS);
      } else {
        this.opened(eventBus);
      }
    };
    // SockJS hands over a CloseEvent {code, reason}: the server's own over a raw WebSocket, 3000 for a SockJS session.
    eventBus.onclose = event => {
      if (this.eventBus !== eventBus) {
        return;
      }
      clearTimeout(this.probationTimer);
      this.eventBus = null;
      this.failPending('disconnected');
      if (this.stopped) {
        return;
      }
      const closedFor = ([code, reason]) => event?.code === code || closeReason === reason;
      if (closedFor(SESSION_ENDED)) {
        this.stop();
        this.dispatchEvent(new Event('session-ended'));
        return;
      }
      if (closedFor(TOO_MANY_CONNECTIONS)) {
        this.crowded++;
        this.scheduleRetry(CROWDED_BASE_MS * 2 ** (this.crowded - 1), CROWDED_MAX_MS);
        return;
      }
      this.crowded = 0;
      this.scheduleRetry(RETRY_BASE_MS * 2 ** this.attempts++, RETRY_MAX_MS);
      if (!opened) {
        // An expired session looks like this too (the handshake gets 401); the app checks.
        this.dispatchEvent(new Event('refused'));
      }
    };
  }

  opened(eventBus) {
    this.attempts = 0;
    this.crowded = 0;
    this.opens++;
    this.setState('open');
    for (const [address, listener] of this.subscriptions) {
      eventBus.registerHandler(address, {}, listener);
    }
    this.dispatchEvent(new Event('open'));
  }

  /** Capped backoff with full jitter: somewhere in the upper half of the ceiling. */
  scheduleRetry(ceiling, max) {
    const capped = Math.min(max, ceiling);
    const delay = capped / 2 + Math.random() * capped / 2;
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.setState('waiting', Date.now() + delay);
  }

  setState(state, retryAt = null) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', {detail: {state, retryAt, attempts: this.attempts, crowded: this.crowded > 0}}));
  }
}
