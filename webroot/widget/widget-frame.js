import {el} from '../js/dom.js';
import {icon} from '../js/views/icons.js';

/**
 * The widget's place on the host page: one element, `<parley-widget>`, at the end of the body, whose shadow root
 * holds everything else, so that the page's styles do not reach in and the widget's do not reach out. Its
 * stylesheet comes from Parley's origin through a link (a host CSP names that origin in style-src; nothing inline).
 * Inside: the launcher button, with the unread count, and the panel it opens (a non-modal dialog: Escape goes back
 * or closes it, and the focus returns to the launcher).
 */
export class WidgetFrame extends EventTarget {
  constructor(origin) {
    super();
    this.host = document.createElement('parley-widget');
    const root = this.host.attachShadow({mode: 'open'});
    const stylesheet = el('link', {rel: 'stylesheet', href: `${origin}/widget/widget.css`});
    this.badge = el('span', {className: 'launcher-badge', 'aria-hidden': 'true'});
    this.launcher = el('button', {type: 'button', className: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'panel',
      'aria-label': 'Chat'}, icon('chat'), el('span', {className: 'launcher-text'}, 'Chat'), this.badge);
    this.back = el('button', {type: 'button', className: 'icon-button back', 'aria-label': 'Back to conversations', hidden: true}, icon('back'));
    this.title = el('h2', {id: 'panel-title', className: 'panel-title'}, 'Chat');
    this.close = el('button', {type: 'button', className: 'icon-button close', 'aria-label': 'Close chat'}, icon('close'));
    this.connection = el('p', {className: 'connection-status', role: 'status'});
    this.notice = el('p', {className: 'notice', role: 'status'});
    this.body = el('div', {className: 'panel-body'});
    this.panel = el('section', {id: 'panel', className: 'panel', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'panel-title', hidden: true},
    el('header', {className: 'panel-header'}, this.back, this.title, this.close), this.connection, this.notice, this.body);
    this.frame = el('div', {className: 'widget', hidden: true}, this.panel, this.launcher);
    root.append(stylesheet, this.frame);
    // Shown once styled: before its stylesheet, the widget would be a heap of unstyled buttons on the host's page
    // (and a page whose style-src does not name Parley's origin never shows it).
    stylesheet.addEventListener('load', () => { this.frame.hidden = false; });
    this.launcher.addEventListener('click', () => (this.isOpen() ? this.closePanel() : this.openPanel()));
    this.close.addEventListener('click', () => this.closePanel());
    this.back.addEventListener('click', () => this.dispatchEvent(new Event('back')));
    this.panel.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.dispatchEvent(new Event(this.back.hidden ? 'close-asked' : 'back'));
      }
    });
    this.addEventListener('close-asked', () => this.closePanel());
    document.body.append(this.host);
  }

  isOpen() {
    return !this.panel.hidden;
  }

  openPanel() {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.dispatchEvent(new Event('opened'));
  }

  closePanel() {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
    this.dispatchEvent(new Event('closed'));
  }

  /** What the panel shows: `title`, the view's node, and whether Back leads to the list. */
  show(title, node, {canGoBack = false} = {}) {
    this.title.textContent = title;
    this.back.hidden = !canGoBack;
    if (this.body.firstElementChild !== node) {
      this.body.replaceChildren(node);
    }
  }

  setUnread(count) {
    this.badge.textContent = count ? (count > 99 ? '99+' : String(count)) : '';
    this.badge.hidden = !count;
    this.launcher.setAttribute('aria-label', count ? `Chat, ${count} unread` : 'Chat');
  }

  say(text) {
    this.notice.textContent = text;
  }

  setConnectionText(text) {
    this.connection.textContent = text;
    this.connection.hidden = !text;
  }
}
