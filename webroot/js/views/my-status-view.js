import {byId, el} from '../dom.js';
import {presenceMark, presenceWords, statusText} from './presence-mark.js';

/**
 * One's own presence in the sidebar footer, under one's name: the dot and the status text (or "Set a status"); a
 * click opens the status dialog.
 */
export class MyStatusView {
  constructor({store, presence, onOpen}) {
    this.store = store;
    this.presence = presence;
    this.button = byId('my-status');
    this.button.addEventListener('click', onOpen);
    presence.addEventListener('change', ({detail: {userIds}}) => {
      if (!userIds || userIds.includes(String(store.me.id))) {
        this.render();
      }
    });
    this.render();
  }

  render() {
    const mine = this.presence.of(this.store.me.id);
    const text = statusText(mine);
    this.button.replaceChildren(presenceMark(this.presence, this.store.me.id),
      el('span', {className: 'my-status-text'}, text || 'Set a status'));
    this.button.title = 'Change your status';
    this.button.setAttribute('aria-label', `Your status: ${presenceWords(mine) || 'not known yet'}. Change it`);
  }
}
