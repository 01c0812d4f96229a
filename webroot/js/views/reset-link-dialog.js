import {copyText} from '../clipboard.js';
import {el, fullTime} from '../dom.js';

/**
 * The one-time password reset link an admin just made for someone, to hand over in person or by another channel:
 * shown once (the server keeps only its hash), with a Copy button and until when it works. Resolves when closed.
 */
export function showResetLink({username, link, expiresAt}) {
  const field = el('input', {id: 'reset-link', className: 'reset-link', value: link, readOnly: true,
    'aria-label': `Password reset link for @${username}`, onfocus: event => event.target.select()});
  const status = el('p', {className: 'status-line', role: 'status'});
  const copy = el('button', {type: 'button', className: 'button primary', onclick: async () => {
    status.textContent = await copyText(link) ? 'Link copied.'
      : 'Your browser did not allow copying; the link is selected: press Ctrl+C (⌘C).';
    field.select();
  }}, 'Copy link');
  const close = el('button', {type: 'button', className: 'button subtle'}, 'Close');
  const dialog = el('dialog', {id: 'reset-link-dialog', className: 'dialog', 'aria-labelledby': 'reset-link-title'},
    el('h2', {id: 'reset-link-title'}, `Password reset link for @${username}`),
    el('p', {className: 'dialog-status'}, `Give it to @${username} in person or by another channel. It is valid until `,
      el('strong', {}, fullTime(expiresAt)), ' and works once; making another one replaces it.'),
    el('div', {className: 'reset-link-row'}, field, copy),
    status,
    el('div', {className: 'dialog-actions'}, close));
  close.addEventListener('click', () => dialog.close());
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    dialog.showModal();
    copy.focus();
  });
}
