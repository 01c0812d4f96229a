import {el} from '../dom.js';

/** A line that reports the outcome of the last action in words, read out by screen readers as it changes. */
export class StatusLine {
  constructor() {
    this.element = el('p', {className: 'status-line', role: 'status'});
  }

  say(text, isError = false) {
    this.element.textContent = text;
    this.element.classList.toggle('is-error', isError);
  }
}
