import {ApiError} from '../js/errors.js';

/**
 * The token the host page gives through its `getToken()`. It is asked for once at the start and again whenever the
 * server turns the one in use down (a 401 on REST, a bridge connection refused or closed for its session); callers
 * that find the same token stale at the same moment share one question. Whichever issuer made the token, the widget
 * only passes it on. Event: `renewed` when a new token arrived.
 */
export class HostToken extends EventTarget {
  constructor(getToken) {
    super();
    this.getToken = getToken;
    this.value = null;
    this.asking = null;
    // getToken calls made, for the browser tests.
    this.asked = 0;
  }

  /** The token to send now. */
  current() {
    return this.value === null ? this.renew(null) : Promise.resolve(this.value);
  }

  /**
   * A fresh token in place of `stale`; when another caller has already replaced it, that one. A host page that cannot
   * give one is as good as a refusal: `unauthenticated`.
   */
  renew(stale) {
    if (this.value !== stale && this.value !== null) {
      return Promise.resolve(this.value);
    }
    this.asking ??= this.ask().finally(() => { this.asking = null; });
    return this.asking;
  }

  async ask() {
    this.asked++;
    let token;
    try {
      token = await this.getToken();
    } catch (error) {
      console.warn('Parley widget: getToken failed:', error);
      throw new ApiError('unauthenticated', 401);
    }
    if (typeof token !== 'string' || token === '') {
      console.warn('Parley widget: getToken gave no token');
      throw new ApiError('unauthenticated', 401);
    }
    this.value = token;
    this.dispatchEvent(new Event('renewed'));
    return token;
  }
}
