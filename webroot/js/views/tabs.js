import {el} from '../dom.js';
import {wordsFor} from '../errors.js';

/**
 * Shows one tab of a tab list (the ARIA tabs pattern): its panel, its button selected and the one in the tab order;
 * the others' panels hidden. Each tab is `{button, panel}`.
 */
export function showTab(tabs, shown) {
  for (const tab of tabs) {
    const selected = tab === shown;
    tab.button.setAttribute('aria-selected', String(selected));
    tab.button.tabIndex = selected ? 0 : -1;
    tab.panel.hidden = !selected;
  }
}

/**
 * A modal dialog of tabs (the admin area, Your account): a header with its title and a close button, a tab list that
 * arrow keys, Home and End move through, and one panel per tab whose view loads each time its tab is shown. Each tab
 * is `{id, label, view}`, the view having `element`, `load()` and `say(text, isError)`; ids are `<prefix>-tab-<id>`
 * and `<prefix>-panel-<id>`. A subclass that hides tabs says which are shown in `available()`.
 */
export class TabbedDialog {
  constructor({prefix, title, tabsLabel, closeLabel, tabs}) {
    this.tabs = tabs;
    this.current = null;
    const tablist = el('div', {className: 'admin-tabs', role: 'tablist', 'aria-label': tabsLabel,
      onkeydown: event => this.onTabKey(event)});
    for (const tab of tabs) {
      tab.button = el('button', {id: `${prefix}-tab-${tab.id}`, type: 'button', role: 'tab', className: 'admin-tab',
        'aria-controls': `${prefix}-panel-${tab.id}`, 'aria-selected': 'false', tabIndex: -1, onclick: () => this.select(tab)},
      tab.label);
      tab.panel = el('section', {id: `${prefix}-panel-${tab.id}`, className: `${prefix}-panel`, role: 'tabpanel',
        'aria-labelledby': tab.button.id, hidden: true}, tab.view.element);
      tablist.append(tab.button);
    }
    const close = el('button', {type: 'button', className: 'icon-button admin-close', title: 'Close',
      'aria-label': closeLabel, onclick: () => this.dialog.close()}, '×');
    this.dialog = el('dialog', {id: `${prefix}-dialog`, className: `dialog ${prefix}-dialog`, 'aria-labelledby': `${prefix}-title`},
      el('header', {className: 'admin-header'}, el('h2', {id: `${prefix}-title`}, title), close),
      tablist, tabs.map(tab => tab.panel));
    document.body.append(this.dialog);
  }

  available() {
    return this.tabs;
  }

  select(tab) {
    this.current = tab;
    showTab(this.tabs, tab);
    tab.button.focus();
    this.reload(tab);
  }

  /** The panel is `aria-busy` while it loads, for screen readers and for tests alike. */
  async reload(tab) {
    tab.panel.setAttribute('aria-busy', 'true');
    try {
      await tab.view.load();
    } catch (error) {
      tab.view.say(wordsFor(error), true);
    } finally {
      tab.panel.removeAttribute('aria-busy');
    }
  }

  onTabKey(event) {
    const tabs = this.available();
    const index = tabs.indexOf(this.current);
    const next = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1}[event.key];
    if (next !== undefined) {
      event.preventDefault();
      this.select(tabs[(next + tabs.length) % tabs.length]);
    }
  }
}
