import {Connection} from '../connection.js';

/**
 * The console's bridge connection: the operator's own (`?scope=platform` takes the platform's cookie), which may only
 * listen on the operators' addresses (docs/protocol.md): `platform.tenants` for online counts, and
 * `platform.tenant.<id>.presence` for the tenant open on screen. It reconnects as the app's does, and says when the
 * platform session ended.
 */
export class Live extends EventTarget {
  constructor() {
    super();
    this.connection = new Connection(`${location.origin}/eventbus?scope=platform`);
    this.watched = null;
    this.connection.addEventListener('state', event => this.dispatchEvent(new CustomEvent('state', {detail: event.detail})));
    this.connection.addEventListener('open', () => this.dispatchEvent(new Event('open')));
    this.connection.addEventListener('session-ended', () => this.dispatchEvent(new Event('session-ended')));
  }

  /** `onCount({tenantId, onlineNow})` for every tenant whose online count changes. */
  start(onCount) {
    this.connection.subscribe('platform.tenants', body => {
      if (body.type === 'tenant.online') {
        onCount(body);
      }
    });
    this.connection.start();
  }

  /** `onPresence({userId, online, state})` for the people of one tenant; replaces the tenant watched before. */
  watch(tenantId, onPresence) {
    this.unwatch();
    this.watched = `platform.tenant.${tenantId}.presence`;
    this.connection.subscribe(this.watched, body => {
      if (body.type === 'person.presence') {
        onPresence(body);
      }
    });
  }

  unwatch() {
    if (this.watched) {
      this.connection.unsubscribe(this.watched);
      this.watched = null;
    }
  }

  stop() {
    this.connection.stop();
  }
}
