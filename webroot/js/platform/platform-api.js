import {call} from '../api.js';

const tenantPath = id => `/api/platform/tenants/${encodeURIComponent(id)}`;

/**
 * The platform's REST API (docs/tenancy.md), for operators. The session is the `parley_platform` cookie, which the
 * server sets at sign-in; it is HttpOnly and goes to this origin alone.
 */
export const platformApi = {
  login: async (username, password) => (await call('POST', '/api/platform/auth/login', {username, password})).operator,
  logout: () => call('POST', '/api/platform/auth/logout'),
  /** The tenants with their counts; null when there is no live platform session. */
  tenants: async () => {
    try {
      return (await call('GET', '/api/platform/tenants')).tenants;
    } catch (error) {
      if (error.status === 401) {
        return null;
      }
      throw error;
    }
  },
  people: async id => (await call('GET', `${tenantPath(id)}/people`)).people,
  rooms: async id => (await call('GET', `${tenantPath(id)}/rooms`)).rooms,
  create: async ({slug, name, domains, settings}) => (await call('POST', '/api/platform/tenants',
    {slug, name, ...(domains ? {domains} : {}), ...(settings ? {settings} : {})})).tenant,
  edit: async (id, {name, domains, settings}) => (await call('PATCH', tenantPath(id),
    {name, ...(domains ? {domains} : {}), ...(settings ? {settings} : {})})).tenant,
  suspend: async id => (await call('POST', `${tenantPath(id)}/suspend`)).tenant,
  resume: async id => (await call('POST', `${tenantPath(id)}/resume`)).tenant,
  scheduleDeletion: async id => (await call('DELETE', tenantPath(id))).tenant,
  /** A plain link: the browser streams the archive to disk with the platform's cookie. */
  exportUrl: id => `${tenantPath(id)}/export`,
};
