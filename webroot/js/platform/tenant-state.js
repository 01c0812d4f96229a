import {fullTime} from '../dom.js';

/** A tenant's state in words: active, suspended, or to be deleted (and when). */
export function stateOf(tenant) {
  if (tenant.deleteAfter) {
    return {key: 'deleting', words: `To be deleted ${fullTime(tenant.deleteAfter)}`};
  }
  if (tenant.suspendedAt) {
    return {key: 'suspended', words: 'Suspended'};
  }
  return {key: 'active', words: 'Active'};
}

/** A count, or a dash when the server did not say (an older server, or a field it does not send). */
export function count(value) {
  return typeof value === 'number' ? value.toLocaleString() : '—';
}
