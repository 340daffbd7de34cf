import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.js';
import { routesOf } from '../../src/api/route-list.js';
import { PooledReadStore } from '../../src/store/pooled-store.js';
import { openStore, type Store } from '../../src/store/store.js';
import { filledDb, type FilledDb } from './store-fixture.js';

// /openapi.json is generated from the routes' schemas; these tests hold it to the app:
// it is valid OpenAPI 3, it lists exactly the routes the app has (collected by an onRoute
// hook, so a route added later without a schema fails here), and real answers of each
// route, good and bad, match what it documents for them.

interface Operation {
  description?: string;
  parameters?: Array<{ name: string; in: string; description?: string }>;
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

// ajv-formats is CommonJS with a default export.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let db: FilledDb;
let store: Store;
let app: FastifyInstance;
let doc: Doc;

beforeAll(async () => {
  db = filledDb();
  store = openStore(db.dbPath, { readonly: true });
  app = buildApi({ store });
  await app.ready();
  const res = await app.inject({ url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json() as Doc;
});
afterAll(async () => {
  await app.close();
  store.close();
  db.cleanup();
});

/** "/articles/:id" → "/articles/{id}", as OpenAPI writes it. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** "GET /events" for every method of every route the app registered, but hidden ones and automatic HEADs. */
function registeredOperations(routes: readonly RouteOptions[]): string[] {
  const out = new Set<string>();
  for (const r of routes) {
    if ((r.schema as { hide?: boolean } | undefined)?.hide) continue;
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) {
      const getToo = routes.some((o) => o.url === r.url && (Array.isArray(o.method) ? o.method : [o.method]).includes('GET'));
      if (m === 'HEAD' && getToo) continue; // Fastify's exposeHeadRoutes twin of a GET
      out.add(`${m} ${openApiPath(r.url)}`);
    }
  }
  return [...out].sort();
}

function documentedOperations(d: Doc): string[] {
  return Object.entries(d.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3 document', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('lists exactly the routes the app registered, with their methods', () => {
    const registered = registeredOperations(routesOf(app));
    expect(registered).toContain('GET /events');
    expect(registered).toContain('GET /openapi.json');
    expect(documentedOperations(doc)).toEqual(registered);
  });

  it('every operation says what it does and documents a success answer, errors by the one Error shape', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.description, `${where} has no description`).toMatch(/\w/);
        const ok = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
        expect(ok.length, `${where} documents no 2xx response (add response schemas)`).toBeGreaterThan(0);
        for (const [, r] of ok) {
          expect(r.description, `${where}: a schema with a description`).not.toBe('Default Response');
          expect(Object.keys(r.content ?? {}).length, `${where}: a content type and schema`).toBeGreaterThan(0);
        }
        for (const [code, r] of Object.entries(op.responses).filter(([c]) => /^[45]\d\d$/.test(c) && path !== '/healthz')) {
          expect(r.content?.['application/json']?.schema, `${where} ${code}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
  });

  it('every parameter says what it means (in its schema, or in src/api/param-docs.ts)', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) {
          expect(p.description, `${method.toUpperCase()} ${path}: ${p.in} parameter "${p.name}" has no description`).toMatch(/\w/);
        }
      }
    }
    expect(JSON.stringify(doc.paths['/events'])).toContain('a duration before now');
  });

  it('documents the bearer door: a security scheme, required everywhere but /healthz, with a 401', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path === '/healthz') {
          expect(op.security, `${method} ${path}`).toEqual([]);
          expect(op.responses['401']).toBeUndefined();
        } else {
          expect(op.security, `${method} ${path}`).toBeUndefined(); // the document-wide requirement holds
          expect(op.responses['401'], `${method} ${path}`).toBeDefined();
        }
      }
    }
  });
});

/** The document with every object schema closed: an answer field the document lacks is an error. */
function closed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(closed) as T;
  if (value && typeof value === 'object') {
    const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closed(v)])) as Record<string, unknown>;
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out as T;
  }
  return value;
}

/** A request for each documented path; a path with parameters needs an entry here. */
function sampleUrls(): Record<string, string[]> {
  return {
    '/events': ['/events?limit=2', '/events?entity=cambricon', '/events?limit=0', '/events?since=yesterday', '/events?cursor=nope'],
    '/events.csv': ['/events.csv?limit=2', '/events.csv?limit=abc'],
    '/events/{id}': ['/events/1', '/events/999999', '/events/abc'],
    '/articles/{id}': [`/articles/${db.articleIds[0]}`, '/articles/999999', '/articles/abc'],
    '/entities': ['/entities'],
    '/feeds': ['/feeds'],
    '/stats': ['/stats?since=3650d', '/stats?by=tag&since=2020-01-01&tz=Asia/Shanghai', '/stats?by=color', '/stats?tz=Mars/Olympus'],
    '/healthz': ['/healthz'],
    '/metrics': ['/metrics'],
    '/openapi.json': ['/openapi.json'],
  };
}

describe('real answers match their documented schemas', () => {
  const check = async (target: FastifyInstance, label: string) => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema(closed(doc), 'openapi.json');
    const samples = sampleUrls();
    const seenCodes = new Set<string>();
    for (const path of Object.keys(doc.paths)) {
      const urls = samples[path];
      expect(urls, `no sample request for ${path}: add one to sampleUrls()`).toBeDefined();
      for (const url of urls!) {
        const res = await target.inject({ url });
        const documented = doc.paths[path]!.get!.responses[String(res.statusCode)];
        expect(documented, `${label} ${url} → ${res.statusCode}, not documented`).toBeDefined();
        const type = String(res.headers['content-type']).split(';')[0]!;
        const content = documented!.content?.[type];
        expect(content, `${label} ${url} → ${res.statusCode} ${type}, not documented`).toBeDefined();
        seenCodes.add(String(res.statusCode));
        if (type !== 'application/json') continue;
        const pointer = `openapi.json#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/${res.statusCode}/content/application~1json/schema`;
        const ok = ajv.validate({ $ref: pointer }, res.json());
        expect(ok ? [] : ajv.errors, `${label} ${url} → ${res.statusCode}`).toEqual([]);
      }
    }
    expect([...seenCodes].sort()).toEqual(['200', '400', '404']);
  };

  it('with the store on this thread', async () => {
    await check(app, 'sync store');
  });

  it('with the pooled read store (events serialized on its threads)', async () => {
    const pooled = PooledReadStore.open(db.dbPath, { size: 1 });
    const other = buildApi({ store: pooled, closeStore: true });
    try {
      await check(other, 'pooled store');
    } finally {
      await other.close();
    }
  });

  it('a 401 and a 500 are the documented Error shape too', async () => {
    const ajv = addFormats(new Ajv({ strict: false }));
    ajv.addSchema(closed(doc), 'openapi.json');
    const isError = (body: unknown) => ajv.validate({ $ref: 'openapi.json#/components/schemas/Error' }, body);
    const locked = buildApi({ store, token: 'a-token-of-sixteen-chars' });
    const broken = openStore(db.dbPath, { readonly: true });
    const failing = buildApi({ store: broken });
    try {
      const r401 = await locked.inject({ url: '/events' });
      expect(r401.statusCode).toBe(401);
      expect(isError(r401.json())).toBe(true);
      broken.close();
      const r500 = await failing.inject({ url: '/feeds' });
      expect(r500.statusCode).toBe(500);
      expect(isError(r500.json())).toBe(true);
    } finally {
      await locked.close();
      await failing.close();
    }
  });
});
