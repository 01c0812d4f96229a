import {byId, show} from '../dom.js';

const VISIBLE_MS = 5000;

/** A short-lived note at the bottom of the screen, for outcomes that have no other place (left a room, errors). */
export class NoticeView {
  constructor() {
    this.element = byId('notice');
    this.timer = null;
  }

  show(text) {
    this.element.textContent = text;
    show(this.element, true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => show(this.element, false), VISIBLE_MS);
  }
}
