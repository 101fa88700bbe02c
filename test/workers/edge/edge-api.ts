import { env, runInDurableObject } from 'cloudflare:test';
import { createApp } from '../../../edge/app';
import type { EdgeEnv } from '../../../edge/env';
import { generateApiKey, hashApiKey, type Principal, type Scope } from '../../../shared/auth/api-key';
import type { Feature } from '../../../shared/entitlement/feature';
import type { EventSchema } from '../../../shared/event-schema/event-schema';
import type { ReplicatedSchema } from '../../../shared/tenant/replicated-config';

/**
 * The edge app in process (Hono's `app.request`), for its route tests: a contract change fails in
 * seconds, not after a stack start. The edge's own parts are real — the app, authentication, rate
 * limits, ConfigReplica, DedupShard and AccountLedger objects in this workerd. Behind the service
 * binding, where Postgres is, stands a RaterDouble that records what the edge forwards and answers
 * it; whether the rater honours those calls is for its own route tests
 * (test/workers/rater/rater-api-*.test.ts), and the whole path over HTTP for the e2e suite.
 * Keys and schemas reach the edge as they do in production, through ConfigReplica objects: a test
 * stores them there as a read-through from the rater would have (edge/config/config-replica.ts).
 */
export interface ForwardedCall {
  method: string;
  path: string;
  body: unknown;
  principal: Principal;
}

export class RaterDouble {
  readonly forwarded: ForwardedCall[] = [];
  /** What serveApi answers; a test may replace it (an outage: throw). */
  answer: (request: Request) => Response | Promise<Response> = () => Response.json({ ok: true });

  async serveApi(request: Request, principal: Principal): Promise<Response> {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    this.forwarded.push({
      method: request.method,
      path: url.pathname + url.search,
      body: text ? JSON.parse(text) : undefined,
      principal,
    });
    return this.answer(request);
  }

  async apiKeyHash(): Promise<string | null> {
    return null;
  }
}

export interface EdgeTenant {
  tenantId: string;
  rater: RaterDouble;
  /** A key of this tenant with these scopes. */
  key(scopes: Scope[]): Promise<string>;
  /** An ACTIVE schema of this tenant (version 1). */
  schema(name: string, definition?: Partial<Pick<EventSchema, 'attributes' | 'dimensions'>>): Promise<void>;
  /** An ACTIVE feature of this tenant, consumed by events of `schemaName` (one credit each, or by `attributeName`). */
  feature(id: string, schemaName: string, attributeName?: string): Promise<void>;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  contentType: string | null;
  body: any;
}

const app = createApp();

/** A tenant of its own, with its own RaterDouble: tests never see each other's keys or schemas. */
export function newEdgeTenant(): EdgeTenant {
  const tenantId = `edge-${crypto.randomUUID()}`;
  const rater = new RaterDouble();
  const testEnv = { ...env, RATER: rater } as unknown as EdgeEnv;
  const features: Feature[] = [];
  return {
    tenantId,
    rater,
    async key(scopes) {
      const key = generateApiKey();
      const hash = await hashApiKey(key);
      const principal: Principal = { tenantId, keyId: `key_${hash.slice(0, 12)}`, scopes };
      await replicated(`keys:${hash.slice(0, 2)}`, `key:${hash}`, principal);
      return key;
    },
    async schema(name, definition = {}) {
      const at = new Date().toISOString();
      const schema: ReplicatedSchema = {
        name,
        attributes: definition.attributes ?? [{ name: 'units', defaultUnit: 'count' }],
        dimensions: definition.dimensions ?? [{ name: 'region' }],
        version: 1,
        status: 'ACTIVE',
        createdAt: at,
        updatedAt: at,
        jurisdiction: null,
      } as ReplicatedSchema;
      await replicated(`schemas:${tenantId}`, `schema:${tenantId}:${name}`, schema);
    },
    async feature(id, schemaName, attributeName) {
      const at = new Date().toISOString();
      const feature: Feature = {
        id,
        name: id,
        displayName: id,
        status: 'ACTIVE',
        schemaAssociations: [{ schemaName, attributeName }],
        createdAt: at,
        updatedAt: at,
      };
      features.push(feature);
      await replicated(`schemas:${tenantId}`, `features:${tenantId}`, { features, jurisdiction: null });
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.key) {
        headers.authorization = `Bearer ${options.key}`;
      }
      const body = options.body === undefined ? options.rawBody : JSON.stringify(options.body);
      if (body !== undefined) {
        headers['content-type'] ??= 'application/json';
      }
      const response = await app.request(path, { method, headers, body }, testEnv);
      const contentType = response.headers.get('content-type');
      const text = await response.text();
      return {
        status: response.status,
        contentType,
        body: text && contentType?.includes('json') ? JSON.parse(text) : text,
      };
    },
  };
}

/** Stores an entry in a ConfigReplica as its read-through from the rater would, fetched now. */
async function replicated(replicaName: string, entry: string, value: unknown): Promise<void> {
  const stub = env.CONFIG_REPLICA.get(env.CONFIG_REPLICA.idFromName(replicaName));
  await runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec(
      'INSERT OR REPLACE INTO entries (key, value, fetched_at) VALUES (?, ?, ?)',
      entry,
      JSON.stringify(value),
      Date.now(),
    );
  });
}
