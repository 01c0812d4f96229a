import {adminApi} from './admin-api.js';

/**
 * What the signed-in user may do, as the server says (`GET /api/users/me/permissions`). The app decides what to
 * show from permission names, never from role names, since custom roles can hold any of them. The server still
 * checks every request; this only hides what would be refused. `maxUploadBytes` is the largest file the server takes
 * (Infinity until known), so that a larger one is refused before it is sent.
 *
 * Event: `change` after every load, so views re-render when a role changes live.
 */
export class Permissions extends EventTarget {
  constructor(userId) {
    super();
    this.userId = userId;
    this.names = new Set();
    this.role = '';
    this.roleId = null;
    this.tenantId = null;
    this.rank = 0;
    this.maxUploadBytes = Infinity;
    this.reloading = null;
  }

  /** `known`: the grant when the caller already asked for it (at boot, together with the rooms). */
  async load(known = null) {
    const grant = known ?? await adminApi.myPermissions();
    this.names = new Set(grant.permissions);
    this.role = grant.role;
    this.roleId = grant.roleId;
    this.tenantId = grant.tenantId;
    this.rank = grant.rank;
    this.maxUploadBytes = grant.maxUploadBytes ?? Infinity;
    this.dispatchEvent(new Event('change'));
  }

  /** A change of role reaches every room one is in at once: one reload answers them all. */
  reload() {
    this.reloading ??= new Promise(resolve => setTimeout(resolve, 50))
      .then(() => this.load())
      .catch(error => console.warn('permissions not reloaded:', error.slug || error))
      .finally(() => { this.reloading = null; });
    return this.reloading;
  }

  has(name) {
    return this.names.has(name);
  }
}
