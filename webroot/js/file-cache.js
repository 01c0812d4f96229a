/**
 * Thumbnails and files kept in IndexedDB once loaded, so that revisiting a room or reloading the page shows them
 * without asking the server again. Entries are Blobs keyed by `<file id>:<variant>` (`thumbnail` or `original`);
 * a file is kept when it is at most 10 MB, and the oldest entries go when all of them pass 200 MB. They are shown
 * through object URLs, one per entry for as long as something on the page shows it (see `sweep`).
 * Without IndexedDB (some private windows) everything still works, just from the network.
 */
const DB_NAME = 'parley-files';
const STORE = 'files';
const MAX_ENTRY_BYTES = 10 * 1024 * 1024;
const MAX_TOTAL_BYTES = 200 * 1024 * 1024;

/** key → {url, promise}: what the page has already made an object URL of. */
const shown = new Map();
let database = null;

export function fileUrl(id, variant = 'original') {
  const path = `/api/files/${encodeURIComponent(id)}`;
  return variant === 'thumbnail' ? `${path}/thumbnail` : path;
}

export function downloadUrl(id) {
  return `${fileUrl(id)}?download=1`;
}

export function cacheKey(file, variant) {
  return `${file.id}:${variant}`;
}

/** The object URL of an entry the page already shows, or null: rebuilt rows take it without waiting. */
export function urlNow(file, variant) {
  return shown.get(cacheKey(file, variant))?.url ?? null;
}

/**
 * A URL showing the file's `variant`: an object URL from the cache, or from one fetch that is then kept. An original
 * too large to keep is answered as its network address, for the browser to stream.
 */
export function urlOf(file, variant) {
  if (variant === 'original' && file.size > MAX_ENTRY_BYTES) {
    return Promise.resolve(fileUrl(file.id));
  }
  const key = cacheKey(file, variant);
  let entry = shown.get(key);
  if (!entry) {
    entry = {url: null, promise: null};
    entry.promise = load(key, fileUrl(file.id, variant)).then(blob => {
      entry.url = URL.createObjectURL(blob);
      return entry.url;
    }, error => {
      shown.delete(key);
      throw error;
    });
    shown.set(key, entry);
  }
  return entry.promise;
}

/** Lets go of the object URLs no element on the page names any more (`data-file-key`), e.g. after a room switch. */
export function sweep() {
  const inUse = new Set([...document.querySelectorAll('[data-file-key]')].map(node => node.dataset.fileKey));
  for (const [key, entry] of shown) {
    if (entry.url && !inUse.has(key)) {
      URL.revokeObjectURL(entry.url);
      shown.delete(key);
    }
  }
}

/** Forgets everything kept (on signing out: the next person at this browser has no business with it). */
export async function clearFileCache() {
  const db = await open();
  if (db) {
    await done(db.transaction(STORE, 'readwrite').objectStore(STORE).clear());
  }
}

async function load(key, url) {
  const db = await open();
  const kept = db ? await read(db, key) : null;
  if (kept) {
    return kept.blob;
  }
  const response = await fetch(url, {credentials: 'same-origin'});
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  const blob = await response.blob();
  if (db && blob.size <= MAX_ENTRY_BYTES) {
    keep(db, {key, blob, size: blob.size, storedAt: Date.now()});
  }
  return blob;
}

function open() {
  database ??= new Promise(resolve => {
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, {keyPath: 'key'}).createIndex('storedAt', 'storedAt');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return database;
}

async function read(db, key) {
  try {
    return await done(db.transaction(STORE).objectStore(STORE).get(key));
  } catch {
    return null;
  }
}

async function keep(db, entry) {
  try {
    await done(db.transaction(STORE, 'readwrite').objectStore(STORE).put(entry));
    await evict(db);
  } catch (error) {
    // A full disk or a quota refusal only means the next visit downloads it again.
    console.warn('file not cached:', error?.name || error);
  }
}

/** Oldest first, until what is kept fits. */
function evict(db) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, 'readwrite');
    const index = transaction.objectStore(STORE).index('storedAt');
    const entries = [];
    let total = 0;
    index.openCursor().onsuccess = event => {
      const cursor = event.target.result;
      if (cursor) {
        entries.push({key: cursor.primaryKey, size: cursor.value.size});
        total += cursor.value.size;
        cursor.continue();
        return;
      }
      for (const entry of entries) {
        if (total <= MAX_TOTAL_BYTES) {
          break;
        }
        transaction.objectStore(STORE).delete(entry.key);
        total -= entry.size;
      }
    };
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
