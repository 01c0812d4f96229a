import {byId, el} from '../dom.js';
import {wordsFor} from '../errors.js';

const NOT_NOW_KEY = 'parley.pushPrompt';

/**
 * "Get notified when you're away? Enable / Not now", above the sidebar's footer, where it is seen without covering
 * anything. Offered only right after signing in through the form, only while the browser has not been asked yet
 * (permission "default"), and never again after Not now.
 */
export class PushPrompt {
  static wanted(device) {
    return device.supported && device.permission() === 'default' && read(NOT_NOW_KEY) !== 'not-now';
  }

  constructor({device, notices}) {
    this.device = device;
    this.notices = notices;
    this.enable = el('button', {id: 'push-prompt-enable', type: 'button', className: 'button primary', onclick: () => this.enableHere()}, 'Enable');
    this.later = el('button', {id: 'push-prompt-later', type: 'button', className: 'button subtle', onclick: () => this.notNow()}, 'Not now');
    this.element = el('aside', {id: 'push-prompt', className: 'push-prompt', 'aria-labelledby': 'push-prompt-text'},
      el('p', {id: 'push-prompt-text'}, 'Get notified when you’re away?'),
      el('div', {className: 'push-prompt-actions'}, this.enable, this.later));
  }

  show() {
    const footer = byId('logout').closest('footer');
    footer.parentElement.insertBefore(this.element, footer);
  }

  async enableHere() {
    this.enable.disabled = this.later.disabled = true;
    byId('push-prompt-text').textContent = 'Turning notifications on…';
    try {
      await this.device.enable();
      this.notices.show('Notifications are on for this browser.');
    } catch (error) {
      this.notices.show(wordsFor(error));
    } finally {
      this.element.remove();
    }
  }

  notNow() {
    try {
      localStorage.setItem(NOT_NOW_KEY, 'not-now');
    } catch {
      // Storage forbidden: it is not offered again on this page, and a reload does not offer it either.
    }
    this.element.remove();
  }
}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
