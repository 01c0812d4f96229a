import {byId} from '../dom.js';

/** The bell in the sidebar: pressed means the notification sound is muted. */
export class SoundToggleView {
  constructor(sound) {
    this.sound = sound;
    this.button = byId('sound-toggle');
    this.button.addEventListener('click', () => sound.setMuted(!sound.muted));
    sound.addEventListener('change', () => this.render());
    this.render();
  }

  render() {
    this.button.setAttribute('aria-pressed', String(this.sound.muted));
    this.button.title = this.sound.muted ? 'Notification sound is off' : 'Notification sound is on';
  }
}
