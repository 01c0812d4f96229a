import {ApiError} from './errors.js';
import {mayShrink, shrinkImage} from './image-shrink.js';

export const MAX_ATTACHMENTS = 10;

/**
 * One file picked for the next message: it is made smaller when it is a photo (see image-shrink.js), then uploaded
 * at once with `POST /api/files`. States: `preparing`, `uploading` (with `progress` from 0 to 1), `done` (`file` is
 * the server's answer, whose `id` goes into `chat.send`'s `attachments`) or `failed` (`error` in words; at once,
 * without sending anything, when the file is larger than `maxBytes()`, the server's limit).
 * `sendOriginal(true)` uploads the file as picked instead of the smaller copy. Event: `change`.
 */
export class PendingFile extends EventTarget {
  constructor(file, maxBytes = () => Infinity) {
    super();
    this.picked = file;
    this.maxBytes = maxBytes;
    this.smaller = null;
    this.original = false;
    this.state = 'preparing';
    this.progress = 0;
    this.error = '';
    this.file = null;
    this.request = null;
    this.cancelled = false;
  }

  /** A file uploaded earlier (kept in a draft): done, with the server's answer standing in for the picked file. */
  static uploaded(file) {
    const item = new PendingFile({name: file.name, type: file.contentType, size: file.size});
    Object.assign(item, {state: 'done', progress: 1, file});
    return item;
  }

  get chosen() {
    return this.original || !this.smaller ? this.picked : this.smaller;
  }

  async start() {
    if (mayShrink(this.picked)) {
      this.smaller = await shrinkImage(this.picked).catch(() => null);
    }
    this.upload();
  }

  sendOriginal(original) {
    if (this.original !== original && this.smaller) {
      this.original = original;
      this.upload();
    }
  }

  upload() {
    this.request?.abort();
    if (this.cancelled) {
      return;
    }
    const blob = this.chosen;
    if (blob.size > this.maxBytes()) {
      this.request = null;
      this.set({state: 'failed', progress: 0, error: new ApiError('file_too_large').message, file: null});
      return;
    }
    this.set({state: 'uploading', progress: 0, error: '', file: null});
    const request = uploadFile(blob, blob.name, progress => this.set({progress}));
    this.request = request;
    request.promise.then(file => {
      if (this.request === request) {
        this.request = null;
        this.set({state: 'done', progress: 1, file});
      }
    }, error => {
      if (this.request === request && error.slug !== 'cancelled') {
        this.request = null;
        this.set({state: 'failed', error: error.message});
      }
    });
  }

  /** Stops the upload if it is still going; a file already uploaded is left for the server to clear away. */
  cancel() {
    this.cancelled = true;
    this.request?.abort();
    this.request = null;
  }

  set(changes) {
    Object.assign(this, changes);
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * What the next message will carry, in the order picked; at most ten, each at most `maxBytes()`. Event: `change`
 * when one is added or removed or changes state.
 */
export class Attachments extends EventTarget {
  constructor(maxBytes = () => Infinity) {
    super();
    this.items = [];
    this.maxBytes = maxBytes;
  }

  /** Adds the files and starts them; answers how many did not fit under the limit. */
  add(files) {
    const room = MAX_ATTACHMENTS - this.items.length;
    const taken = [...files].slice(0, Math.max(room, 0));
    for (const file of taken) {
      const item = new PendingFile(file, this.maxBytes);
      item.addEventListener('change', () => this.changed());
      this.items.push(item);
      item.start();
    }
    this.changed();
    return files.length - taken.length;
  }

  /** Files uploaded earlier, as a draft kept them. */
  restore(files) {
    for (const file of files) {
      const item = PendingFile.uploaded(file);
      item.addEventListener('change', () => this.changed());
      this.items.push(item);
    }
    this.changed();
  }

  remove(item) {
    item.cancel();
    this.items = this.items.filter(other => other !== item);
    this.changed();
  }

  get count() {
    return this.items.length;
  }

  /** Whether every file is uploaded, so a message with them can go. */
  ready() {
    return this.items.every(item => item.state === 'done');
  }

  busy() {
    return this.items.some(item => item.state === 'preparing' || item.state === 'uploading');
  }

  /** The files already up, as the server answered them. */
  uploaded() {
    return this.items.filter(item => item.state === 'done').map(item => item.file);
  }

  /** The uploaded files for `chat.send`, and an empty tray. */
  take() {
    const files = this.items.map(item => item.file);
    this.items = [];
    this.changed();
    return files;
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * `POST /api/files` with one file part. XMLHttpRequest because fetch cannot tell how far an upload has got.
 * Answers `{promise, abort}`; the promise gives the server's `file`, or fails with an ApiError (`cancelled` after
 * `abort`, `upload_failed` when the connection broke, e.g. when the server refused a too-large file before reading it).
 */
export function uploadFile(blob, name, onProgress = () => {}) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', '/api/files');
    xhr.responseType = 'json';
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', event => event.lengthComputable && onProgress(event.loaded / event.total));
    xhr.addEventListener('load', () => {
      const answer = xhr.response ?? {};
      if (xhr.status === 201 && answer.file) {
        resolve(answer.file);
      } else {
        reject(new ApiError(answer.error || (xhr.status === 413 ? 'file_too_large' : 'upload_failed'), xhr.status, answer.message));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError('upload_failed')));
    xhr.addEventListener('abort', () => reject(new ApiError('cancelled')));
    const form = new FormData();
    form.append('file', blob, name);
    xhr.send(form);
  });
  return {promise, abort: () => xhr.abort()};
}
