/**
 * api.html: fetches /api/openapi.json and lists each route with its summary, who may call it, its parameters, its
 * request body and every answer, with their schemas; named schemas are listed once at the end and linked. It lives
 * beside the page rather than in js/, which holds the chat app's own modules (index.html preloads them all).
 */
import {byId, el} from './js/dom.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const SCHEMA_REF = '#/components/schemas/';

async function main() {
  const status = byId('api-status');
  try {
    const response = await fetch('/api/openapi.json', {headers: {Accept: 'application/json'}});
    if (!response.ok) {
      throw new Error(`the server answered ${response.status}`);
    }
    show(await response.json());
    status.textContent = '';
  } catch (failure) {
    status.textContent = `The document could not be loaded: ${failure.message}`;
  }
}

function show(doc) {
  const operations = operationsOf(doc);
  byId('api-index').append(el('ul', {}, ...operations.map(op =>
    el('li', {}, el('a', {href: `#${op.id}`}, `${op.method.toUpperCase()} ${op.path}`)))));
  const main = byId('api-routes');
  for (const tag of tagsOf(doc, operations)) {
    main.append(el('h2', {}, tag));
    operations.filter(op => (op.tags?.[0] ?? 'other') === tag).forEach(op => main.append(route(doc, op)));
  }
  const schemas = byId('api-schemas');
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    schemas.append(el('section', {id: `schema-${name}`},
      el('h3', {}, name),
      schema.description ? el('p', {}, ...prose(schema.description)) : null,
      schemaView(doc, schema, true)));
  }
  schemas.hidden = false;
}

function operationsOf(doc) {
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS.filter(m => item[m])) {
      const op = item[method];
      operations.push({...op, method, path, id: op.operationId ?? `${method}-${path}`,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])].map(p => resolve(doc, p))});
    }
  }
  return operations;
}

function tagsOf(doc, operations) {
  const tags = (doc.tags ?? []).map(tag => tag.name);
  operations.map(op => op.tags?.[0] ?? 'other').filter(tag => !tags.includes(tag)).forEach(tag => tags.push(tag));
  return tags;
}

function route(doc, op) {
  return el('details', {className: 'api-route', id: op.id, dataset: {route: `${op.method.toUpperCase()} ${op.path}`}},
    el('summary', {},
      el('span', {className: 'api-method'}, op.method.toUpperCase()),
      el('span', {className: 'api-path'}, op.path),
      el('span', {className: 'api-summary'}, op.summary ?? '')),
    el('div', {},
      op.description ? el('p', {}, ...prose(op.description)) : null,
      el('p', {}, el('strong', {}, 'Who: '), who(doc, op)),
      parameters(op.parameters),
      requestBody(doc, op.requestBody),
      responses(doc, op.responses ?? {})));
}

function who(doc, op) {
  const security = op.security ?? doc.security ?? [];
  if (security.length === 0) {
    return 'anyone (public)';
  }
  const schemes = security.map(requirement => Object.keys(requirement).join(' + ') || 'nobody signed in');
  const signedIn = `signed in (${schemes.join(' or ')})`;
  return op['x-permission'] ? `${signedIn}, with ${op['x-permission']}` : signedIn;
}

function parameters(list) {
  if (list.length === 0) {
    return null;
  }
  return el('div', {},
    el('h4', {}, 'Parameters'),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'meaning'))),
      el('tbody', {}, ...list.map(p => el('tr', {},
        el('td', {}, el('code', {}, p.name), p.required ? el('span', {className: 'api-required'}, ' *') : null),
        el('td', {}, p.in),
        el('td', {}, typeName(p.schema ?? {})),
        el('td', {}, ...prose(p.description ?? '')))))));
}

function requestBody(doc, body) {
  if (!body) {
    return null;
  }
  const resolved = resolve(doc, body);
  return el('div', {},
    el('h4', {}, `Request body${resolved.required ? '' : ' (optional)'}`),
    ...Object.entries(resolved.content ?? {}).map(([type, media]) =>
      el('div', {}, el('code', {}, type), schemaView(doc, media.schema ?? {}, true))));
}

function responses(doc, answers) {
  return el('div', {},
    el('h4', {}, 'Answers'),
    ...Object.entries(answers).map(([status, answer]) => {
      const resolved = resolve(doc, answer);
      const media = Object.entries(resolved.content ?? {});
      return el('div', {className: 'api-response'},
        el('p', {}, el('strong', {}, status), ' ', ...prose(resolved.description ?? '')),
        ...media.map(([type, content]) => el('div', {}, el('code', {}, type), schemaView(doc, content.schema ?? {}, false))));
    }));
}

/** Text with its `code` spans as code elements. */
function prose(text) {
  return text.split('`').map((part, i) => i % 2 === 1 ? el('code', {}, part) : part);
}

function resolve(doc, value) {
  let resolved = value;
  while (resolved && resolved.$ref && resolved.$ref.startsWith('#/')) {
    resolved = resolved.$ref.slice(2).split('/').reduce((node, key) => node?.[key], doc);
  }
  return resolved ?? {};
}

/** A schema as a nested list of its properties; a named schema is a link to its entry, unless {@code expand}. */
function schemaView(doc, schema, expand) {
  if (schema.$ref && !expand) {
    return el('p', {className: 'api-schema'}, refLink(schema.$ref));
  }
  const resolved = resolve(doc, schema);
  const parts = [];
  if (resolved.allOf || resolved.oneOf) {
    const joined = resolved.allOf ? 'all of' : 'one of';
    parts.push(el('li', {}, joined, el('ul', {}, ...(resolved.allOf ?? resolved.oneOf).map(part =>
      el('li', {}, part.$ref ? refLink(part.$ref) : schemaView(doc, part, true))))));
  }
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const required = (resolved.required ?? []).includes(name);
    const nested = !property.$ref && (property.properties || property.items?.properties || property.allOf || property.oneOf);
    parts.push(el('li', {},
      el('code', {}, name), required ? el('span', {className: 'api-required', title: 'required'}, ' *') : null, ' ',
      el('span', {className: 'api-type'}, typeView(property)),
      ...(property.description ? [' — ', ...prose(property.description)] : []),
      nested ? schemaView(doc, property.items?.properties ? property.items : property, true) : null));
  }
  if (parts.length === 0) {
    return el('p', {className: 'api-schema'}, el('span', {className: 'api-type'}, typeView(resolved)));
  }
  return el('ul', {className: 'api-schema'}, ...parts);
}

function refLink(ref) {
  const name = ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : ref;
  return el('a', {href: `#schema-${name}`}, name);
}

function typeView(schema) {
  if (schema.$ref) {
    return refLink(schema.$ref);
  }
  if (schema.type === 'array' && schema.items) {
    const span = el('span', {}, 'array of ');
    span.append(typeView(schema.items));
    return span;
  }
  return typeName(schema);
}

function typeName(schema) {
  if (schema.const !== undefined) {
    return JSON.stringify(schema.const);
  }
  if (schema.enum) {
    return schema.enum.join(' | ');
  }
  if (schema.oneOf) {
    return schema.oneOf.map(part => part.$ref ? part.$ref.slice(SCHEMA_REF.length) : typeName(part)).join(' or ');
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

main();
