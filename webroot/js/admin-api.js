import {call} from './api.js';

const id = value => encodeURIComponent(value);

/** The REST calls of roles, people, invites and moderation (see docs/protocol.md, "REST endpoints"). */
export const adminApi = {
  myPermissions: () => call('GET', '/api/users/me/permissions'),
  commands: async () => (await call('GET', '/api/commands')).commands,
  /** {roles: [role], permissions: [name]}: every role, highest rank first, and every permission name. */
  roles: () => call('GET', '/api/roles'),
  createRole: async (name, rank, permissions) => (await call('POST', '/api/roles', {name, rank, permissions})).role,
  updateRole: async (roleId, changes) => (await call('PATCH', `/api/roles/${id(roleId)}`, changes)).role,
  /** Answers how many people the role had, who are members now. */
  deleteRole: async roleId => (await call('DELETE', `/api/roles/${id(roleId)}`)).movedToMember,
  users: async () => (await call('GET', '/api/users')).users,
  setRole: async (userId, roleId) => (await call('PATCH', `/api/users/${id(userId)}/role`, {roleId})).user,
  setDisplayName: async (userId, displayName) =>
    (await call('PATCH', `/api/users/${id(userId)}/display-name`, {displayName})).user,
  deactivate: async userId => (await call('POST', `/api/users/${id(userId)}/deactivate`)).user,
  reactivate: async userId => (await call('POST', `/api/users/${id(userId)}/reactivate`)).user,
  /** {path, url?, expiresAt}: a one-time link to hand to them; `url` only when the server knows its public address. */
  passwordReset: async userId => (await call('POST', `/api/users/${id(userId)}/password-reset`)).reset,
  invites: async () => (await call('GET', '/api/invites')).invites,
  /** Options left empty are not sent: no label, unlimited uses, no expiry. */
  createInvite: async ({label, maxUses, expiresAt}) => (await call('POST', '/api/invites',
    {...(label ? {label} : {}), ...(maxUses ? {maxUses} : {}), ...(expiresAt ? {expiresAt} : {})})).invite,
  revokeInvite: code => call('DELETE', `/api/invites/${id(code)}`),
  /** The organisation's exports, newest first: {id, startedBy, startedAt, finishedAt, outcome, lines, bytes}. */
  exports: async () => (await call('GET', '/api/tenant/exports')).exports,
  /** {settings, own}: the organisation's settings in force, and those it set (docs/tenancy.md). */
  settings: () => call('GET', '/api/tenant/settings'),
  changeSettings: change => call('PATCH', '/api/tenant/settings', change),
  kick: (roomId, userId) => call('DELETE', `/api/rooms/${id(roomId)}/members/${id(userId)}`),
};
