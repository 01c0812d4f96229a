import {byId, el} from '../dom.js';

/**
 * A list of suggestions under the composer, worked from the keyboard without taking the focus from the text box:
 * arrow keys move, Enter or Tab picks, Escape dismisses, a click picks. Its owner decides when it shows, what it
 * offers (`show(options)`) and what picking does (`onPick`); `letEnterThrough(option)` lets an Enter reach the
 * composer instead (the command typed in full is sent, not completed).
 */
export class SuggestionList {
  constructor({id, label, className, optionClass, optionId, content, dataset, onPick, onDismiss = () => {},
    letEnterThrough = () => false}) {
    Object.assign(this, {optionClass, optionId, content, dataset, onPick, onDismiss, letEnterThrough});
    this.input = byId('composer-input');
    this.options = [];
    this.active = 0;
    this.list = el('ul', {id, className, role: 'listbox', 'aria-label': label, hidden: true});
    // Pressing on a suggestion must not take focus from the composer.
    this.list.addEventListener('pointerdown', event => event.preventDefault());
    byId('composer').append(this.list);
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-expanded', 'false');
    this.input.addEventListener('blur', () => this.close());
    // Captured at the form, before the composer's own Enter-sends handler on the textarea.
    byId('composer').addEventListener('keydown', event => this.onKey(event), true);
  }

  show(options) {
    this.options = options;
    this.active = 0;
    this.render();
  }

  render() {
    if (this.options.length === 0) {
      this.close();
      return;
    }
    this.list.replaceChildren(...this.options.map((option, index) => el('li', {
      id: this.optionId(option), role: 'option', className: this.optionClass,
      'aria-selected': String(index === this.active), dataset: this.dataset(option),
      onclick: () => this.onPick(option),
    }, ...this.content(option))));
    this.list.hidden = false;
    this.input.setAttribute('aria-controls', this.list.id);
    this.input.setAttribute('aria-expanded', 'true');
    this.input.setAttribute('aria-activedescendant', this.optionId(this.options[this.active]));
    this.list.children[this.active].scrollIntoView({block: 'nearest'});
  }

  onKey(event) {
    if (this.list.hidden || event.target !== this.input || event.isComposing) {
      return;
    }
    const moves = {ArrowDown: 1, ArrowUp: -1};
    if (event.key in moves) {
      this.active = (this.active + moves[event.key] + this.options.length) % this.options.length;
      this.render();
    } else if (event.key === 'Enter' && this.letEnterThrough(this.options[this.active])) {
      this.close();
      return;
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      this.onPick(this.options[this.active]);
    } else if (event.key === 'Escape') {
      this.onDismiss();
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  close() {
    this.list.hidden = true;
    if (this.input.getAttribute('aria-controls') === this.list.id) {
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    }
  }
}
