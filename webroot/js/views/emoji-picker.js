import {el} from '../dom.js';

const RECENT_KEY = 'parley.recentEmoji';
const MAX_RECENT = 8;
const COMMON = [
  ['👍', 'thumbs up'], ['❤️', 'heart'], ['😂', 'laughing'], ['🎉', 'party'],
  ['😮', 'surprised'], ['😢', 'sad'], ['🙏', 'thank you'], ['👀', 'eyes'],
];

/**
 * A small popover of emoji to react with: the ones used lately (remembered in localStorage), then eight common
 * ones. Arrow keys move, Enter or a click picks, Escape or a press outside closes; the focus goes back to the
 * button that opened it.
 */
export class EmojiPicker {
  constructor() {
    this.popover = null;
    this.opener = null;
    document.addEventListener('pointerdown', event => {
      if (this.popover && !this.popover.contains(event.target) && !this.opener?.contains(event.target)) {
        this.close(false);
      }
    });
  }

  get isOpen() {
    return this.popover !== null;
  }

  /** `pick(emoji)` is called with the chosen one. */
  open(opener, pick) {
    this.close(false);
    this.opener = opener;
    const choose = emoji => {
      remember(emoji);
      this.close(true);
      pick(emoji);
    };
    const option = (emoji, name) => el('button', {
      type: 'button', className: 'emoji-option', title: name, 'aria-label': name, onclick: () => choose(emoji),
    }, emoji);
    const recent = recentEmoji();
    const names = new Map(COMMON);
    this.popover = el('div', {className: 'emoji-picker', role: 'dialog', 'aria-label': 'Pick a reaction'},
      recent.length ? el('p', {className: 'emoji-heading'}, 'Recent') : null,
      recent.length ? el('div', {className: 'emoji-row'}, recent.map(emoji => option(emoji, names.get(emoji) || emoji))) : null,
      el('p', {className: 'emoji-heading'}, 'Common'),
      el('div', {className: 'emoji-row'}, COMMON.map(([emoji, name]) => option(emoji, name))));
    this.popover.addEventListener('keydown', event => this.onKey(event));
    // A modal dialog makes everything outside it inert and draws over it: a picker opened there lives inside it.
    (opener.closest('dialog') ?? document.body).append(this.popover);
    this.place(opener.getBoundingClientRect());
    this.popover.querySelector('button').focus();
  }

  /** Above the button when there is room, else below; never off screen. */
  place(anchor) {
    const {offsetWidth: width, offsetHeight: height} = this.popover;
    const left = Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8));
    const top = anchor.top - height - 6 >= 8 ? anchor.top - height - 6 : Math.min(anchor.bottom + 6, window.innerHeight - height - 8);
    this.popover.style.left = `${left}px`;
    this.popover.style.top = `${Math.max(8, top)}px`;
  }

  onKey(event) {
    const buttons = [...this.popover.querySelectorAll('button')];
    const index = buttons.indexOf(document.activeElement);
    const step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
    if (step) {
      event.preventDefault();
      buttons[(index + step + buttons.length) % buttons.length].focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      buttons[event.key === 'Home' ? 0 : buttons.length - 1].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    } else if (event.key === 'Tab') {
      this.close(false);
    }
  }

  close(refocus) {
    if (!this.popover) {
      return;
    }
    this.popover.remove();
    this.popover = null;
    if (refocus && this.opener?.isConnected) {
      this.opener.focus();
    }
    this.opener = null;
  }
}

export function recentEmoji() {
  try {
    const stored = JSON.parse(localStorage.getItem(RECENT_KEY) || '[]');
    return Array.isArray(stored) ? stored.filter(emoji => typeof emoji === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Most recent first, each once. */
export function remember(emoji) {
  const recent = [emoji, ...recentEmoji().filter(other => other !== emoji)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
  } catch {
    // Storage full or disabled: recent emoji are a convenience.
  }
}
