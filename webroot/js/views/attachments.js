import {el, humanSize} from '../dom.js';
import {cacheKey, downloadUrl, fileUrl, urlNow, urlOf} from '../file-cache.js';
import {openViewer} from './file-viewer.js';
import {icon} from './icons.js';

const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const PREVIEW_WIDTH = 360;
const PREVIEW_HEIGHT = 280;

/**
 * The files a message carries, under its text: images as previews (the thumbnail, or the image itself when it is
 * small enough to have none) that open the viewer, audio and video as players, anything else as a card with its
 * name, size and a download link. Names only ever go into text nodes and attributes.
 */
export function attachmentList(files) {
  return el('div', {className: 'attachments'}, files.map(file => {
    if (PREVIEWABLE.has(file.contentType) && file.width && file.height) {
      return imagePreview(file);
    }
    if (file.contentType.startsWith('audio/') || file.contentType.startsWith('video/')) {
      return player(file);
    }
    return fileCard(file);
  }));
}

function imagePreview(file) {
  const variant = file.thumbnail ? 'thumbnail' : 'original';
  const image = el('img', {className: 'attachment-image', alt: file.name, decoding: 'async',
    dataset: {fileKey: cacheKey(file, variant)}});
  // The box takes its final size before the bytes arrive, so the list does not jump when they do (CSSOM, not markup).
  const scale = Math.min(1, PREVIEW_WIDTH / file.width, PREVIEW_HEIGHT / file.height);
  image.style.width = `${Math.max(1, Math.round(file.width * scale))}px`;
  image.style.aspectRatio = `${file.width} / ${file.height}`;
  showFrom(image, file, variant);
  return el('button', {type: 'button', className: 'attachment-preview', title: file.name,
    'aria-label': `Enlarge ${file.name}`, dataset: {fileId: file.id}, onclick: () => openViewer(file)}, image);
}

/** From the page's object URL at once when it has one; else from the cache or the network. */
export function showFrom(image, file, variant) {
  const now = urlNow(file, variant);
  if (now) {
    image.src = now;
  } else {
    urlOf(file, variant).then(url => { image.src = url; }, () => image.classList.add('is-unavailable'));
  }
  // An object URL let go while this row was being rebuilt (see file-cache.js `sweep`): make a new one, once.
  image.addEventListener('error', () => {
    if (image.src.startsWith('blob:') && !image.dataset.retried) {
      image.dataset.retried = 'true';
      urlOf(file, variant).then(url => { image.src = url; }, () => image.classList.add('is-unavailable'));
    }
  });
}

function player(file) {
  const kind = file.contentType.startsWith('audio/') ? 'audio' : 'video';
  const media = el(kind, {className: `attachment-${kind}`, controls: true, preload: 'metadata', src: fileUrl(file.id)});
  if (kind === 'video' && file.width && file.height) {
    media.style.aspectRatio = `${file.width} / ${file.height}`;
  }
  return el('figure', {className: 'attachment-media'}, media,
    el('figcaption', {className: 'attachment-caption'},
      el('span', {className: 'file-name'}, file.name), el('span', {className: 'file-size'}, humanSize(file.size)),
      downloadLink(file)));
}

function fileCard(file) {
  // A PDF opens in the browser's own viewer; other types the server sends as downloads anyway.
  const name = file.contentType === 'application/pdf'
    ? el('a', {className: 'file-name', href: fileUrl(file.id), target: '_blank', rel: 'noopener'}, file.name)
    : el('span', {className: 'file-name'}, file.name);
  return el('div', {className: 'file-card', dataset: {fileId: file.id}}, icon('file'),
    el('span', {className: 'file-card-text'}, name, el('span', {className: 'file-size'}, `${humanSize(file.size)} · ${kindOf(file)}`)),
    downloadLink(file));
}

export function downloadLink(file) {
  return el('a', {className: 'file-download', href: downloadUrl(file.id), download: file.name,
    title: `Download ${file.name}`, 'aria-label': `Download ${file.name}`}, icon('download'), el('span', {}, 'Download'));
}

function kindOf(file) {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1];
  if (file.contentType === 'application/pdf') {
    return 'PDF';
  }
  return extension ? extension.toUpperCase() : file.contentType === 'text/plain' ? 'Text' : 'File';
}
