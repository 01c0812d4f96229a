import {el, fullTime} from '../dom.js';
import {formatMessage} from '../format.js';
import {handleOf, namesDiffer, shownName, usernameBeside} from '../person-names.js';

/**
 * What a message row gets beyond its text: `action` messages (from /me) read "* name waves" in italics, `system`
 * messages (what a command did) are a centred line of their own, and the author's name carries a "…" button that
 * opens the user menu (see user-menu.js, which reads the author from the row's data attributes), except for someone
 * deactivated, about whom there is nothing left to do here.
 */
export function decorateMessage(node, item, author) {
  node.dataset.authorUsername = author.username;
  node.dataset.authorName = author.displayName || author.username;
  if (author.deactivated) {
    node.dataset.authorDeactivated = 'true';
  }
  const kind = item.kind || 'text';
  node.classList.add(`kind-${kind}`);
  if (kind === 'action') {
    showAsAction(node, item, author);
  } else if (kind === 'system') {
    showAsSystem(node, item);
  } else if (item.seq !== undefined && !author.deactivated) {
    const name = node.querySelector('.message-meta .person-username') || node.querySelector('.message-author');
    name?.after(userMenuButton(author));
  }
  return node;
}

/** Actions and system lines stand alone: they never join the author's text messages under one name. */
export function isPlainText(item) {
  return (item.kind || 'text') === 'text';
}

function showAsAction(node, item, author) {
  const time = node.querySelector('.message-time');
  node.querySelector('.message-gutter').replaceChildren(time);
  node.querySelector('.message-meta')?.remove();
  node.querySelector('.message-body').replaceChildren(el('em', {className: 'action-text'},
    '* ', el('span', {className: author.deactivated ? 'message-author is-deactivated' : 'message-author', title: handleOf(author)},
      shownName(author)),
    namesDiffer(author) ? [' ', usernameBeside(author)] : null, ' ', formatMessage(item.content)));
}

function showAsSystem(node, item) {
  node.querySelector('.message-gutter').remove();
  node.querySelector('.message-meta')?.remove();
  node.title = fullTime(item.createdAt);
}

function userMenuButton(author) {
  const name = author.displayName || author.username;
  return el('button', {
    type: 'button', className: 'user-menu-button', title: `Actions for ${name}`,
    'aria-label': `Actions for ${name}`, 'aria-haspopup': 'menu', dataset: {userMenu: author.id},
  }, '…');
}
