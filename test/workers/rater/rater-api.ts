import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import type { Principal } from '../../../shared/auth/api-key';
import { Rater } from '../../../rater/index';
import { connect } from '../../../rater/db/connect';
import { ensureTenant } from '../../../rater/store/api-keys';

/**
 * The rater's API in process, as the edge calls it: `Rater.serveApi` with the principal the edge
 * authenticated — the production path (directory, tenant home, error mapping) without a stack or
 * an edge, so a contract change fails in seconds.
 */
export interface ApiAnswer {
  status: number;
  contentType: string | null;
  /** Parsed JSON: a test reads whatever came back and asserts on it. */
  body: any;
  /** The body as sent, byte for byte. */
  text: string;
}

export async function callRater(
  principal: Principal,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const ctx = createExecutionContext();
  const response = await new Rater(ctx, env).serveApi(new Request(`https://rater.internal${path}`, init), principal);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text === '' ? null : JSON.parse(text),
    text,
  };
}

/** A tenant of its own, and an admin principal of it, as the edge would pass. */
export async function newTenant(): Promise<Principal> {
  const tenantId = `t-${crypto.randomUUID()}`;
  const { db, pool } = connect(env);
  try {
    await ensureTenant(db, tenantId);
  } finally {
    await pool.end();
  }
  return { tenantId, keyId: `k-${tenantId}`, scopes: ['read', 'ingest', 'admin'] };
}
