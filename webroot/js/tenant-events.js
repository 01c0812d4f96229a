/**
 * The tenant address, `tenant.<tenantId>`: what every user of the tenant hears (roles changed,
 * public rooms created and deleted). Registered once, as soon as the permissions name the tenant; each feature
 * listens here, since the connection holds one handler per address.
 *
 * Event: `event` (detail: {event}) for every event on the address.
 */
export class TenantEvents extends EventTarget {
  constructor(connection, permissions) {
    super();
    this.address = null;
    const follow = () => {
      if (permissions.tenantId && !this.address) {
        this.address = `tenant.${permissions.tenantId}`;
        connection.subscribe(this.address, event => this.dispatchEvent(new CustomEvent('event', {detail: {event}})));
      }
    };
    permissions.addEventListener('change', follow);
    follow();
  }
}
