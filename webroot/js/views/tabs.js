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
