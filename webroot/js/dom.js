/**
 * Small DOM helpers. Everything the app shows is built with createElement and textContent, never innerHTML,
 * so text from the server can never become markup.
 */

export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`missing #${id} in index.html`);
  }
  return element;
}

/**
 * el('button', {className: 'x', type: 'button', dataset: {id: '1'}, onclick: fn}, 'text', otherNode)
 * Strings become text nodes; attributes go through properties, except aria-* and data-* which are set as attributes.
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.entries(value).filter(([, v]) => v !== undefined && v !== null).forEach(([k, v]) => { element.dataset[k] = v; });
    } else if (name.startsWith('aria-') || name === 'role') {
      element.setAttribute(name, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element[name] = value;
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

export function clear(element) {
  element.replaceChildren();
}

export function show(element, visible) {
  element.hidden = !visible;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const dayFormat = new Intl.DateTimeFormat(undefined, {weekday: 'long', month: 'long', day: 'numeric'});
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, {weekday: 'long', year: 'numeric', month: 'long', day: 'numeric'});

export function shortTime(iso) {
  return timeFormat.format(new Date(iso));
}

export function fullTime(iso) {
  return dateTimeFormat.format(new Date(iso));
}

/** The local calendar day of a timestamp, as a key. */
export function dayKey(iso) {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** "Today", "Yesterday", or the date (with the year when it is not this year). */
export function dayLabel(iso, now = new Date()) {
  const date = new Date(iso);
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (dayKey(date) === dayKey(now)) {
    return 'Today';
  }
  if (dayKey(date) === dayKey(yesterday)) {
    return 'Yesterday';
  }
  return (date.getFullYear() === now.getFullYear() ? dayFormat : dayWithYearFormat).format(date);
}

const SIZE_UNITS = ['KB', 'MB', 'GB'];

/** A size in bytes as people read it: "812 B", "4.2 KB", "18 MB" (1 KB = 1024 bytes, as file managers count). */
export function humanSize(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${SIZE_UNITS[unit]}`;
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
const RELATIVE_STEPS = [[60, 'minute'], [60, 'hour'], [24, 'day']];

/** How long ago, as people say it: "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago". */
export function relativeTime(iso, now = Date.now()) {
  let amount = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (amount < 60) {
    return 'just now';
  }
  let unit = 'second';
  for (const [size, next] of RELATIVE_STEPS) {
    if (amount < size) {
      break;
    }
    amount /= size;
    unit = next;
  }
  return relativeFormat.format(-Math.floor(amount), unit);
}
