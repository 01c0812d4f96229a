/**
 * What the page keeps in localStorage for the signed-in person alone (drafts, messages waiting to be sent), under
 * `parley.user.<tenantId>.<userId>.<area>.`: two people taking turns on one browser never see each other's, and
 * signing out forgets it all. Without localStorage (full, or denied in a private window) it is kept for this page only.
 */
export class UserStorage {
  constructor(tenantId, userId) {
    this.prefix = `parley.user.${tenantId}.${userId}.`;
    this.forgotten = false;
  }

  area(name) {
    return new StorageArea(this, `${this.prefix}${name}.`);
  }

  /** Signing out: everything goes, and nothing written later by this page (a draft saved on unload) is kept. */
  forget() {
    this.forgotten = true;
    for (const key of keysStartingWith(this.prefix)) {
      localStorage.removeItem(key);
    }
  }
}

class StorageArea {
  constructor(owner, prefix) {
    this.owner = owner;
    this.prefix = prefix;
  }

  get(name) {
    try {
      return JSON.parse(localStorage.getItem(this.prefix + name));
    } catch {
      return null;
    }
  }

  set(name, value) {
    if (this.owner.forgotten) {
      return;
    }
    try {
      localStorage.setItem(this.prefix + name, JSON.stringify(value));
    } catch {
      // Full or denied: the page still has it in memory.
    }
  }

  remove(name) {
    localStorage.removeItem(this.prefix + name);
  }

  /** Every value kept in this area. */
  values() {
    return keysStartingWith(this.prefix).map(key => this.get(key.slice(this.prefix.length))).filter(Boolean);
  }
}

function keysStartingWith(prefix) {
  try {
    return Array.from({length: localStorage.length}, (_, index) => localStorage.key(index))
      .filter(key => key?.startsWith(prefix));
  } catch {
    return [];
  }
}
