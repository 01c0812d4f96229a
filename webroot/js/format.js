import {el} from './dom.js';

/**
 * Message text to DOM nodes: ```code blocks```, `code`, **bold**, *italic*, and http(s) links. Text only ever
 * becomes text nodes, so whatever markup a message holds is shown literally.
 */
export function formatMessage(text) {
  const fragment = document.createDocumentFragment();
  let rest = 0;
  for (const match of text.matchAll(CODE_BLOCK)) {
    // The line breaks around a fence belong to the fence; kept, they would show as blank lines.
    formatInline(text.slice(rest, match.index).replace(/\n$/, ''), fragment);
    fragment.append(el('pre', {className: 'code-block'}, el('code', {}, match[1].replace(/^\n/, '').replace(/\n$/, ''))));
    rest = match.index + match[0].length;
    if (text[rest] === '\n') {
      rest++;
    }
  }
  formatInline(text.slice(rest), fragment);
  return fragment;
}

// An optional language name right after the fence is dropped.
const CODE_BLOCK = /```(?:[\w+-]*\n)?([\s\S]*?)```/g;
const INLINE = /`([^`\n]+)`|\*\*(\S(?:[^\n]*?\S)?)\*\*|\*([^*\s](?:[^*\n]*?[^*\s])?)\*|(https?:\/\/[^\s<>"'`]+)/gi;

function formatInline(text, parent) {
  let rest = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, code, bold, italic, url] = match;
    let end = match.index + whole.length;
    parent.append(text.slice(rest, match.index));
    if (code !== undefined) {
      parent.append(el('code', {className: 'inline-code'}, code));
    } else if (bold !== undefined) {
      formatInline(bold, parent.appendChild(el('strong')));
    } else if (italic !== undefined) {
      formatInline(italic, parent.appendChild(el('em')));
    } else {
      const link = trimTrailingPunctuation(url);
      end = match.index + link.length;
      parent.append(linkOrText(link));
    }
    rest = end;
  }
  parent.append(text.slice(rest));
}

/** "see https://example.com/x." links without the full stop; a closing parenthesis stays when the URL opened one. */
function trimTrailingPunctuation(url) {
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1];
    const candidate = url.slice(0, end);
    const unbalanced = last === ')' && count(candidate, '(') < count(candidate, ')');
    if ('.,;:!?\'"'.includes(last) || unbalanced) {
      end--;
    } else {
      break;
    }
  }
  return url.slice(0, end);
}

function count(text, character) {
  return text.split(character).length - 1;
}

function linkOrText(candidate) {
  let url;
  try {
    url = new URL(candidate);
  } catch {
    return candidate;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return candidate;
  }
  return el('a', {href: url.href, target: '_blank', rel: 'noopener noreferrer', className: 'message-link'}, candidate);
}
