import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { CreateWebhookEndpointRequest, WebhookEndpoint } from '../../shared/webhook/webhook-endpoint';
import { generateWebhookSecret } from '../../shared/webhook/standard-webhooks';
import type { Queryable } from '../db/connect';
import { webhookDeliveries, webhookEndpoints } from '../db/schema';
import { newId } from './write-guards';

type Row = typeof webhookEndpoints.$inferSelect;

function toEndpoint(row: Row): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    ...(row.description !== null ? { description: row.description } : {}),
    status: row.status === 'DISABLED' ? 'DISABLED' : 'ACTIVE',
    ...(row.failingSince !== null ? { failingSince: row.failingSince.toISOString() } : {}),
    ...(row.disabledAt !== null ? { disabledAt: row.disabledAt.toISOString() } : {}),
    ...(row.disabledReason !== null ? { disabledReason: row.disabledReason } : {}),
    createdAt: row.createdAt.toISOString(),
    ...(row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > new Date()
      ? { previousSecretExpiresAt: row.previousSecretExpiresAt.toISOString() }
      : {}),
  };
}

export async function insertWebhookEndpoint(
  db: Queryable,
  tenantId: string,
  input: CreateWebhookEndpointRequest,
): Promise<WebhookEndpoint & { secret: string }> {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      tenantId,
      id: newId('whe.'),
      url: input.url,
      description: input.description ?? null,
      secret: generateWebhookSecret(),
    })
    .returning();
  if (!row) {
    throw new Error('INSERT … RETURNING answered no webhook endpoint');
  }
  return { ...toEndpoint(row), secret: row.secret };
}

/**
 * A new secret for the endpoint, answered this once; the current one becomes the previous, which
 * deliveries are signed with too until `overlapMinutes` from now (0: never again). Rotating again
 * within that window drops the older previous secret: two sign at most.
 */
export async function rotateWebhookSecret(
  db: Queryable,
  tenantId: string,
  id: string,
  overlapMinutes: number,
): Promise<(WebhookEndpoint & { secret: string }) | null> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      secret: generateWebhookSecret(),
      previousSecret: overlapMinutes > 0 ? sql`${webhookEndpoints.secret}` : null,
      previousSecretExpiresAt:
        overlapMinutes > 0 ? sql`now() + make_interval(mins => ${overlapMinutes}::integer)` : null,
    })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning();
  return row ? { ...toEndpoint(row), secret: row.secret } : null;
}

export async function findWebhookEndpoint(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<WebhookEndpoint | null> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  return row ? toEndpoint(row) : null;
}

export async function listWebhookEndpoints(
  db: Queryable,
  tenantId: string,
  page: { afterId?: string | undefined; limit: number },
): Promise<WebhookEndpoint[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, tenantId),
        page.afterId !== undefined ? gt(webhookEndpoints.id, page.afterId) : undefined,
      ),
    )
    .orderBy(asc(webhookEndpoints.id))
    .limit(page.limit);
  return rows.map(toEndpoint);
}

/**
 * Enables a DISABLED endpoint (an ACTIVE one is answered as it is): its HELD deliveries are PENDING
 * again, due at `now`, with a fresh retry schedule, and its failure clock starts again. Each keeps its message's
 * webhook-id, so a receiver that had one already can tell. Null when the tenant has no such endpoint.
 */
export async function enableWebhookEndpoint(
  db: Queryable,
  tenantId: string,
  id: string,
  now: Date,
): Promise<WebhookEndpoint | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ status: 'ACTIVE', failingSince: null, disabledAt: null, disabledReason: null })
      .where(
        and(
          eq(webhookEndpoints.tenantId, tenantId),
          eq(webhookEndpoints.id, id),
          eq(webhookEndpoints.status, 'DISABLED'),
        ),
      )
      .returning();
    if (!row) {
      return findWebhookEndpoint(tx, tenantId, id);
    }
    await tx
      .update(webhookDeliveries)
      .set({ status: 'PENDING', attempts: 0, nextAttemptAt: now })
      .where(
        and(
          eq(webhookDeliveries.tenantId, tenantId),
          eq(webhookDeliveries.endpointId, id),
          eq(webhookDeliveries.status, 'HELD'),
        ),
      );
    return toEndpoint(row);
  });
}

/**
 * Deletes the endpoint: crossings from then on are not sent to it, and its pending (or held)
 * deliveries end DEAD, saying why. What it was sent stays in the log.
 */
export async function deleteWebhookEndpoint(db: Queryable, tenantId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
      .returning({ id: webhookEndpoints.id });
    if (rows.length === 0) {
      return false;
    }
    await tx
      .update(webhookDeliveries)
      .set({ status: 'DEAD', lastError: 'the endpoint was deleted' })
      .where(
        and(
          eq(webhookDeliveries.tenantId, tenantId),
          eq(webhookDeliveries.endpointId, id),
          inArray(webhookDeliveries.status, ['PENDING', 'HELD']),
        ),
      );
    return true;
  });
}
