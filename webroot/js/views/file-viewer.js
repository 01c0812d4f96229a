import {byId, humanSize} from '../dom.js';
import {cacheKey, downloadUrl, urlNow, urlOf} from '../file-cache.js';

let viewer = null;

/** Shows an image of the timeline large, in a dialog over the page. */
export function openViewer(file) {
  viewer ??= new FileViewer();
  viewer.open(file);
}

/**
 * The image viewer: the image itself (the thumbnail first, when the page has it, until the full image is loaded),
 * its name and size, and a download link. Escape, a click anywhere but the link, or Close closes it; the focus goes
 * back to the preview that opened it (the browser's own `<dialog>` behaviour).
 */
class FileViewer {
  constructor() {
    this.dialog = byId('file-viewer');
    this.image = byId('file-viewer-image');
    this.name = byId('file-viewer-name');
    this.size = byId('file-viewer-size');
    this.download = byId('file-viewer-download');
    this.shown = null;
    this.dialog.addEventListener('click', event => {
      if (!event.target.closest('a')) {
        this.dialog.close();
      }
    });
    this.dialog.addEventListener('close', () => {
      this.shown = null;
      this.image.removeAttribute('src');
      delete this.image.dataset.fileKey;
    });
  }

  open(file) {
    this.shown = file;
    this.image.alt = file.name;
    this.image.dataset.fileKey = cacheKey(file, 'original');
    const scale = Math.min(1, (innerWidth * 0.9) / file.width, (innerHeight * 0.8) / file.height);
    this.image.style.width = `${Math.max(1, Math.round(file.width * scale))}px`;
    this.image.style.aspectRatio = `${file.width} / ${file.height}`;
    const first = urlNow(file, 'original') ?? urlNow(file, 'thumbnail');
    if (first) {
      this.image.src = first;
    } else {
      this.image.removeAttribute('src');
    }
    this.name.textContent = file.name;
    this.size.textContent = `${file.width} × ${file.height} · ${humanSize(file.size)}`;
    this.download.href = downloadUrl(file.id);
    this.download.download = file.name;
    this.dialog.showModal();
    urlOf(file, 'original').then(url => {
      if (this.shown === file) {
        this.image.src = url;
      }
    }, () => {
      if (this.shown === file) {
        this.size.textContent = 'This image could not be loaded.';
      }
    });
  }
}
