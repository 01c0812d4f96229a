import {byId, el, humanSize, show} from '../dom.js';
import {icon} from './icons.js';

/**
 * The files picked for the next message, as chips above the message box: a preview or a file icon, the name, the
 * size (before → after when a photo was made smaller), a progress bar while it uploads, "Send original" for a photo
 * that was made smaller, the failure in words, and × to cancel the upload or take the file off. Send waits, disabled,
 * until every file is uploaded and none failed. Chips are updated in place, so the focus stays on × or the checkbox.
 */
export class AttachmentTray {
  constructor() {
    this.list = byId('attachment-tray');
    this.note = byId('attachment-note');
    this.send = byId('composer-send');
    this.chips = new Map();
    this.notice = '';
    this.follow = () => this.render();
    this.attachments = null;
  }

  /** Shows another set of files (another room's), which go on uploading while not shown. */
  switchTo(attachments) {
    if (attachments === this.attachments) {
      return;
    }
    this.attachments?.removeEventListener('change', this.follow);
    this.attachments = attachments;
    attachments.addEventListener('change', this.follow);
    this.notice = '';
    this.render();
  }

  /** A passing remark under the chips (e.g. that some files were left out); cleared when the tray empties. */
  say(text) {
    this.notice = text;
    this.render();
  }

  render() {
    const items = this.attachments.items;
    for (const [item, chip] of this.chips) {
      if (!items.includes(item)) {
        chip.detach();
        this.chips.delete(item);
      }
    }
    for (const item of items) {
      if (!this.chips.has(item)) {
        const chip = new Chip(item, () => {
          this.attachments.remove(item);
          byId('composer-input').focus();
        });
        this.chips.set(item, chip);
        this.list.append(chip.node);
      }
      this.chips.get(item).update();
    }
    show(this.list, items.length > 0);
    const busy = this.attachments.busy();
    const failed = items.some(item => item.state === 'failed');
    this.send.disabled = busy || failed;
    if (!items.length) {
      this.notice = '';
    }
    const text = [this.notice, busy ? 'Uploading; the message can go once the files are up.'
      : failed ? 'Take off the files that could not be uploaded to send the others.' : ''].filter(Boolean).join(' ');
    this.note.textContent = text;
    show(this.note, Boolean(text));
  }
}

class Chip {
  constructor(item, onRemove) {
    this.item = item;
    const name = item.picked.name || 'pasted file';
    // A file restored from a draft has no bytes in the page, only the server's description of them.
    this.preview = item.picked instanceof Blob && item.picked.type.startsWith('image/') && item.picked.type !== 'image/svg+xml'
      ? URL.createObjectURL(item.picked) : null;
    this.size = el('span', {className: 'chip-size'});
    this.bar = el('progress', {className: 'chip-progress', max: 1, 'aria-label': `Uploading ${name}`});
    this.original = el('input', {type: 'checkbox', onchange: () => item.sendOriginal(this.original.checked)});
    this.originalLabel = el('label', {className: 'chip-original'}, this.original, ' Send original');
    this.error = el('span', {className: 'chip-error', role: 'alert'});
    this.removeButton = el('button', {type: 'button', className: 'icon-button chip-remove', onclick: onRemove}, '×');
    this.name = name;
    this.node = el('li', {className: 'attachment-chip'},
      this.preview ? el('img', {className: 'chip-preview', src: this.preview, alt: ''}) : icon('file'),
      el('span', {className: 'chip-text'}, el('span', {className: 'chip-name', title: name}, name), this.size, this.error),
      this.bar, this.originalLabel, this.removeButton);
  }

  update() {
    const {item} = this;
    const uploading = item.state === 'preparing' || item.state === 'uploading';
    this.node.className = `attachment-chip is-${item.state}`;
    this.size.textContent = item.state === 'preparing' ? `${humanSize(item.picked.size)} · making it smaller…`
      : item.smaller && !item.original ? `${humanSize(item.picked.size)} → ${humanSize(item.smaller.size)}`
        : humanSize(item.picked.size);
    show(this.bar, uploading);
    if (item.state === 'uploading') {
      this.bar.value = item.progress;
    } else {
      this.bar.removeAttribute('value');
    }
    show(this.originalLabel, Boolean(item.smaller) && item.state !== 'failed');
    this.original.checked = item.original;
    this.error.textContent = item.error;
    show(this.error, Boolean(item.error));
    const label = uploading ? `Cancel the upload of ${this.name}` : `Remove ${this.name}`;
    this.removeButton.title = label;
    this.removeButton.setAttribute('aria-label', label);
  }

  detach() {
    if (this.preview) {
      URL.revokeObjectURL(this.preview);
    }
    this.node.remove();
  }
}
