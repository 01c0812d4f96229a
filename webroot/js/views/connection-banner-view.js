import {byId, show} from '../dom.js';

/** A strip across the top whenever the live connection is down, counting down to the next attempt. */
export class ConnectionBannerView {
  constructor(connection) {
    this.banner = byId('connection-banner');
    this.text = byId('connection-text');
    this.retryButton = byId('connection-retry');
    this.countdown = null;
    this.everOpen = false;
    this.retryButton.addEventListener('click', () => connection.reconnectNow());
    connection.addEventListener('state', event => this.render(event.detail));
  }

  render({state, retryAt}) {
    clearInterval(this.countdown);
    this.banner.dataset.state = state;
    if (state === 'open') {
      this.everOpen = true;
    }
    show(this.banner, state === 'connecting' || state === 'waiting');
    show(this.retryButton, state === 'waiting');
    if (state === 'connecting') {
      this.text.textContent = this.everOpen ? 'Reconnecting…' : 'Connecting…';
    } else if (state === 'waiting') {
      const tick = () => {
        const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
        this.text.textContent = `Disconnected. Reconnecting in ${seconds} s…`;
      };
      tick();
      this.countdown = setInterval(tick, 1000);
    }
  }
}
