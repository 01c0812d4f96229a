import {byId, el, fullTime, show} from '../dom.js';
import {wordsFor} from '../errors.js';
import {pushApi} from '../push-api.js';
import {ownId} from '../push-device.js';

const BROWSER_WORDS = {
  on: 'This browser gets notifications while you are away.',
  off: 'This browser gets no notifications.',
  denied: 'Notifications are blocked for this site; allow them in the browser’s site settings.',
  unsupported: 'This browser cannot receive push notifications.',
};

/**
 * "Notifications": this browser on or off, what is pushed (`level`), whether message text is shown (`previews`),
 * and every device of this account with a Remove button. Each change is sent at once; the dialog shows what the
 * server answered, and a refusal in words.
 */
export class NotificationsDialog {
  constructor({device, settings}) {
    this.device = device;
    this.settings = settings;
    this.devices = [];
    this.ownId = null;
    this.dialog = byId('notifications-dialog');
    this.levels = [...this.dialog.querySelectorAll('input[name="push-level"]')];
    this.previews = byId('push-previews');
    this.browserToggle = byId('push-browser-toggle');
    this.list = byId('push-devices');
    this.error = byId('push-error');
    byId('notifications-close').addEventListener('click', () => this.dialog.close());
    this.levels.forEach(radio => radio.addEventListener('change', () => this.send({level: radio.value})));
    this.previews.addEventListener('change', () => this.send({previews: this.previews.checked}));
    this.browserToggle.addEventListener('click', () => this.toggleBrowser());
    this.list.addEventListener('click', event => {
      const button = event.target.closest('button[data-remove]');
      if (button) {
        this.remove(button.dataset.remove, button);
      }
    });
    settings.addEventListener('change', () => this.renderSettings());
  }

  async open() {
    this.say('');
    this.renderSettings();
    this.dialog.showModal();
    if (!this.settings.loaded) {
      await this.settings.load().catch(error => this.say(wordsFor(error)));
    }
    await this.refreshDevices();
  }

  renderSettings() {
    this.levels.forEach(radio => { radio.checked = radio.value === this.settings.level; });
    this.previews.checked = this.settings.previews;
  }

  async refreshDevices() {
    try {
      this.devices = await pushApi.devices();
      this.ownId = ownId(this.devices, await this.device.subscription().catch(() => null));
    } catch (error) {
      this.say(wordsFor(error));
    }
    this.renderDevices();
  }

  renderDevices() {
    const permission = this.device.permission();
    const state = ['denied', 'unsupported'].includes(permission) ? permission : this.ownId ? 'on' : 'off';
    byId('push-browser').textContent = BROWSER_WORDS[state];
    show(this.browserToggle, state === 'on' || state === 'off');
    this.browserToggle.textContent = state === 'on' ? 'Turn off here' : 'Turn on here';
    byId('push-devices-status').textContent = this.devices.length ? '' : 'No devices get notifications yet.';
    this.list.replaceChildren(...this.devices.map(device => {
      const name = this.nameOf(device);
      return el('li', {className: 'browse-row push-device', dataset: {subscriptionId: device.id}},
        el('div', {className: 'browse-info'},
          el('span', {className: 'browse-name'}, name),
          el('span', {className: 'browse-meta'}, `added ${fullTime(device.createdAt)}`)),
        el('button', {type: 'button', className: 'button subtle', dataset: {remove: device.id}, 'aria-label': `Remove ${name}`}, 'Remove'));
    }));
  }

  nameOf(device) {
    if (device.id === this.ownId) {
      return 'This browser';
    }
    if (device.kind === 'expo') {
      return 'Phone app';
    }
    try {
      return `Web browser (${new URL(device.endpoint).host})`;
    } catch {
      return 'Web browser';
    }
  }

  async send(changes) {
    this.say('');
    try {
      await this.settings.change(changes);
    } catch (error) {
      this.say(wordsFor(error));
      this.renderSettings();
    }
  }

  async toggleBrowser() {
    this.say('');
    this.browserToggle.disabled = true;
    byId('push-browser').textContent = this.ownId ? 'Turning notifications off…' : 'Turning notifications on…';
    try {
      if (this.ownId) {
        await this.device.forget({tellServer: true});
      } else {
        await this.device.enable();
      }
    } catch (error) {
      this.say(wordsFor(error));
    } finally {
      this.browserToggle.disabled = false;
    }
    await this.refreshDevices();
  }

  async remove(id, button) {
    this.say('');
    button.disabled = true;
    try {
      if (id === this.ownId) {
        await this.device.forget({tellServer: true});
      } else {
        await pushApi.removeDevice(id);
      }
    } catch (error) {
      this.say(wordsFor(error));
    }
    await this.refreshDevices();
  }

  say(text) {
    this.error.textContent = text;
    show(this.error, Boolean(text));
  }
}
