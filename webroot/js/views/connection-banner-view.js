import {byId, show} from '../dom.js';

const CROWDED = 'Too many Parley tabs or devices are connected; close one.';

/**
 * A strip across the top whenever the live connection is down, counting down to the next attempt. While the server
 * refuses the connection as one too many (4002), it says so, through the attempts in between too.
 */
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

  render({state, retryAt, crowded}) {
    clearInterval(this.countdown);
    this.banner.dataset.state = state;
    if (state === 'open') {
      this.everOpen = true;
    }
    show(this.banner, state === 'connecting' || state === 'waiting');
    show(this.retryButton, state === 'waiting');
    if (state === 'connecting') {
      this.text.textContent = crowded ? `${CROWDED} Trying again…` : this.everOpen ? 'Reconnecting…' : 'Connecting…';
    } else if (state === 'waiting') {
      const tick = () => {
        const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
        this.text.textContent = crowded ? `${CROWDED} Trying again in ${seconds} s…`
          : `Disconnected. Reconnecting in ${seconds} s…`;
      };
      tick();
      this.countdown = setInterval(tick, 1000);
    }
  }
}
