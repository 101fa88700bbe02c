import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Databases } from '../../../rater/db/databases';
import { Rater } from '../../../rater/index';
import { placedLedgerQueue } from '../../../rater/pipeline/placed-ledger-queue';
import { ensureTenant } from '../../../rater/store/api-keys';
import { insertEventSchema } from '../../../rater/store/event-schemas';
import { inTenantHome } from '../../../rater/store/tenant-home';
import { updateTenantSettings } from '../../../rater/store/tenant-settings';
import type { Jurisdiction } from '../../../shared/tenant/placement';
import { recordingLedgerQueue } from './fixtures';

/**
 * An account's AccountLedger is addressed from two sides: the edge places it by the jurisdiction
 * the rater tells it with the tenant's features (Rater.tenantFeatures, replicated by ConfigReplica)
 * or schema, and the rater stamps the placement on each ledger message it sends
 * (placed-ledger-queue.ts). Both must name the same object, whether or not the tenant has
 * features: a money reservation and the spend-limit push that governs it meet only there.
 * The suite serves the EU jurisdiction from a second database (test/support/database-setup.ts).
 */
const schema = { name: 'calls', attributes: [], dimensions: [] };

/** A tenant in `jurisdiction` with an event schema and no feature: its jurisdiction is final. */
async function tenantWithoutFeatures(dbs: Databases, jurisdiction: Jurisdiction | null): Promise<string> {
  const tenantId = await ensureTenant(dbs.directory, `placed-${crypto.randomUUID()}`);
  if (jurisdiction !== null) {
    await updateTenantSettings(dbs, tenantId, { jurisdiction }, 16, new Date());
  }
  await inTenantHome(dbs.of(jurisdiction), tenantId, jurisdiction, (tx) => insertEventSchema(tx, tenantId, schema));
  return tenantId;
}

/** What the edge is told, as its service binding reaches the rater. */
async function toldToEdge(tenantId: string) {
  const ctx = createExecutionContext();
  const told = await new Rater(ctx, env).tenantFeatures(tenantId);
  await waitOnExecutionContext(ctx);
  return told;
}

/** The placement the rater stamps on a spend-limit push to the tenant's account `acme`. */
async function stampedOnPush(dbs: Databases, tenantId: string, jurisdiction: Jurisdiction | null) {
  const { queue, sent } = recordingLedgerQueue();
  await placedLedgerQueue(dbs.of(jurisdiction), queue).send({
    kind: 'spend-limit',
    tenantId,
    accountId: 'acme',
    limit: { amount: '5', currency: 'USD' },
    version: 1,
  });
  return sent[0]?.placement;
}

describe("the edge and the rater place an account's ledger alike", () => {
  it.each([['eu' as const], [null]])('for a tenant in jurisdiction %s with no features', async (jurisdiction) => {
    const dbs = new Databases(env);
    try {
      const tenantId = await tenantWithoutFeatures(dbs, jurisdiction);
      const told = await toldToEdge(tenantId);
      expect(told.features).toEqual([]);
      expect(told.jurisdiction).toBe(jurisdiction);
      expect((await stampedOnPush(dbs, tenantId, jurisdiction))?.jurisdiction).toBe(told.jurisdiction);
    } finally {
      await dbs.end();
    }
  });
});
