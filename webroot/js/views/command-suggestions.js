import {adminApi} from '../admin-api.js';
import {byId, el} from '../dom.js';

const TYPING_A_NAME = /^\/(\S*)$/;

/**
 * Suggestions while a slash command's name is typed in the composer: the commands one may run (from the server,
 * `GET /api/commands`, so the list never drifts from what it accepts), those starting with what was typed.
 * Arrow keys move, Enter or Tab completes the name without sending (Enter on a name typed in full sends, as it
 * would without the list), Escape closes until the slash is gone.
 */
export class CommandSuggestions {
  constructor(permissions) {
    this.input = byId('composer-input');
    this.commands = null;
    this.shown = [];
    this.active = 0;
    this.dismissed = false;
    this.list = el('ul', {id: 'command-suggestions', className: 'command-suggestions', role: 'listbox',
      'aria-label': 'Commands', hidden: true});
    // Pressing on a suggestion must not take focus from the composer.
    this.list.addEventListener('pointerdown', event => event.preventDefault());
    byId('composer').append(this.list);
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-controls', this.list.id);
    this.input.setAttribute('aria-expanded', 'false');
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('blur', () => this.close());
    // Captured at the form, before the composer's own Enter-sends handler on the textarea.
    byId('composer').addEventListener('keydown', event => this.onKey(event), true);
    permissions.addEventListener('change', () => { this.commands = null; });
  }

  async update() {
    const typed = TYPING_A_NAME.exec(this.input.value);
    if (!typed) {
      this.dismissed = false;
      this.close();
      return;
    }
    if (this.dismissed) {
      return;
    }
    const commands = await this.load();
    if (this.input.value !== typed[0] || this.dismissed) {
      return; // typed on meanwhile; that input event updates
    }
    const prefix = typed[1].toLowerCase();
    this.shown = commands.filter(command => command.name.startsWith(prefix));
    this.active = 0;
    this.render();
  }

  /** Asked once, and again after a change of permissions; without an answer there are no suggestions. */
  load() {
    this.commands ??= adminApi.commands().catch(() => {
      this.commands = null;
      return [];
    });
    return this.commands;
  }

  render() {
    if (this.shown.length === 0) {
      this.close();
      return;
    }
    this.list.replaceChildren(...this.shown.map((command, index) => el('li', {
      id: `command-${command.name}`, role: 'option', className: 'command-option',
      'aria-selected': String(index === this.active), dataset: {command: command.name},
      onclick: () => this.complete(command),
    }, el('span', {className: 'command-usage'}, command.usage),
    el('span', {className: 'command-description'}, command.description))));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.input.setAttribute('aria-activedescendant', `command-${this.shown[this.active].name}`);
    this.list.children[this.active].scrollIntoView({block: 'nearest'});
  }

  onKey(event) {
    if (this.list.hidden || event.target !== this.input || event.isComposing) {
      return;
    }
    const moves = {ArrowDown: 1, ArrowUp: -1};
    if (event.key in moves) {
      this.active = (this.active + moves[event.key] + this.shown.length) % this.shown.length;
      this.render();
    } else if (event.key === 'Enter' && this.input.value === `/${this.shown[this.active].name}`) {
      this.close();
      return;
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      this.complete(this.shown[this.active]);
    } else if (event.key === 'Escape') {
      this.dismissed = true;
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  complete(command) {
    this.input.value = `/${command.name} `;
    this.close();
    this.input.focus();
    this.input.dispatchEvent(new Event('input'));
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
