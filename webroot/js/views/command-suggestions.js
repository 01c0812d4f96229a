import {adminApi} from '../admin-api.js';
import {byId, el} from '../dom.js';
import {SuggestionList} from './suggestion-list.js';

const TYPING_A_NAME = /^\/(\S*)$/;

/**
 * Suggestions while a slash command's name is typed in the composer: the commands one may run (from the server,
 * `GET /api/commands`, so the list never drifts from what it accepts), those starting with what was typed.
 * Enter or Tab completes the name without sending (Enter on a name typed in full sends, as it would without the
 * list), Escape closes until the slash is gone.
 */
export class CommandSuggestions {
  constructor(permissions) {
    this.input = byId('composer-input');
    this.commands = null;
    this.dismissed = false;
    this.list = new SuggestionList({
      id: 'command-suggestions', label: 'Commands', className: 'command-suggestions', optionClass: 'command-option',
      optionId: command => `command-${command.name}`,
      dataset: command => ({command: command.name}),
      content: command => [el('span', {className: 'command-usage'}, command.usage),
        el('span', {className: 'command-description'}, command.description)],
      onPick: command => this.complete(command),
      onDismiss: () => { this.dismissed = true; },
      letEnterThrough: command => this.input.value === `/${command.name}`,
    });
    this.input.addEventListener('input', () => this.update());
    permissions.addEventListener('change', () => { this.commands = null; });
  }

  async update() {
    const typed = TYPING_A_NAME.exec(this.input.value);
    if (!typed) {
      this.dismissed = false;
      this.list.close();
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
    this.list.show(commands.filter(command => command.name.startsWith(prefix)));
  }

  /** Asked once, and again after a change of permissions; without an answer there are no suggestions. */
  load() {
    this.commands ??= adminApi.commands().catch(() => {
      this.commands = null;
      return [];
    });
    return this.commands;
  }

  complete(command) {
    this.input.value = `/${command.name} `;
    this.list.close();
    this.input.focus();
    this.input.dispatchEvent(new Event('input'));
  }
}
