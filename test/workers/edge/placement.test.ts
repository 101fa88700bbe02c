import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { runInDurableObject } from 'cloudflare:test';
import type { DedupShard } from '../../../edge/dedup/dedup-shard';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import { claimedEventIds, claimEvents } from '../../../edge/dedup/claim-events';
import { shardStub, type ShardPlacement } from '../../../edge/placement/tenant-shards';
import { claimShard, grow, initialLayout } from '../../../shared/idempotency/dedup-layout';
import { createMessageBatch } from 'cloudflare:test';
import { consumeLedgerQueue } from '../../../edge/ledger/consume-ledger-queue';
import { ledgerFor, unwrap } from '../../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';
import { claim, interceptQueue } from './dedup-helpers';

/**
 * workerd has no jurisdictions; this suite runs with EMULATE_JURISDICTIONS (vitest.config.ts),
 * which keeps a jurisdiction's objects apart by name. What it proves is the routing: every object
 * an EU tenant's ids touch — predecessors across a growth included — is the jurisdiction's.
 */
describe('a tenant placed in the EU jurisdiction', () => {
  it('has its ids claimed in EU objects only, across a layout growth too', async () => {
    const tenantId = `eu-${crypto.randomUUID()}`;
    const eu: ShardPlacement = { layout: initialLayout(2), region: 'weur', jurisdiction: 'eu' };
    const ids = Array.from({ length: 20 }, (_, i) => `evt-${i}`);
    expect(
      (
        await claimEvents(
          env,
          tenantId,
          ids.map((id) => claim(id)),
          eu,
        )
      ).every((r) => r.status === 'accepted'),
    ).toBe(true);

    const grown = grow(eu.layout, 8, Date.now());
    if (!grown.ok) {
      throw new Error(grown.reason);
    }
    const later: ShardPlacement = { ...eu, layout: grown.layout };
    const results = await claimEvents(
      env,
      tenantId,
      [...ids, 'evt-new'].map((id) => claim(id)),
      later,
    );
    expect(results.map((r) => r.status)).toEqual([...ids.map(() => 'duplicate'), 'accepted']);

    for (const layout of [eu.layout, later.layout]) {
      for (const id of [...ids, 'evt-new']) {
        // The same name outside the jurisdiction is another object, which holds nothing.
        const { name } = claimShard(layout, tenantId, id);
        const outside = shardStub(env, { region: null, jurisdiction: null }, name);
        expect(await outside.claimedIds([...ids, 'evt-new'])).toEqual([]);
      }
    }
    expect(await claimedEventIds(env, tenantId, [...ids, 'evt-new'], later)).toEqual(new Set([...ids, 'evt-new']));
  }, 60_000);
});

describe("an EU tenant's DedupShards", () => {
  it('send its accepted events to the EU events queue only', async () => {
    const tenantId = `eu-queue-${crypto.randomUUID()}`;
    const stub = shardStub(env, { region: null, jurisdiction: 'eu' }, `${tenantId}:0`);
    const outside: EventBatchMessage[] = [];
    const inEu: EventBatchMessage[] = [];
    await runInDurableObject(stub, (object) => {
      const instance = object as unknown as DedupShard;
      interceptQueue(instance, 'record', outside, 'EVENTS_QUEUE');
      interceptQueue(instance, 'record', inEu, 'EVENTS_QUEUE_EU');
    });
    expect((await stub.claim(tenantId, [claim('e1'), claim('e2')])).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    await vi.waitFor(() => expect(inEu.flatMap((m) => m.events.map((e) => e.id))).toEqual(['e1', 'e2']));
    expect(outside).toEqual([]);
  });
});

describe("an EU tenant's AccountLedgers", () => {
  it("hold its credits in the jurisdiction, and the rater's debits reach them there", async () => {
    const owner = { tenantId: `eu-ledger-${crypto.randomUUID()}`, accountId: 'acme' };
    const eu = { region: 'weur' as const, jurisdiction: 'eu' as const };
    const inEu = ledgerFor(env, owner, eu);
    const outside = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    unwrap(
      await inEu.grant(owner, 'feat.calls', {
        granted: '10',
        source: 'ENTITLEMENT',
        effectiveFrom: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    );

    // A debit message stamped by the rater with the tenant's placement goes to the EU object.
    const message: LedgerMessage = {
      kind: 'debits',
      ...owner,
      placement: eu,
      debits: [{ eventId: 'e1', at: Date.now(), lines: [{ featureId: 'feat.calls', amount: '3' }] }],
    };
    await consumeLedgerQueue(
      createMessageBatch<unknown>('meterline-ledger', [
        { id: 'm0', timestamp: new Date(), attempts: 1, body: message },
      ]),
      env,
    );

    expect((await inEu.credits(owner, 'feat.calls')).balance).toBe('7');
    expect(await outside.credits(owner, 'feat.calls')).toMatchObject({ granted: '0', balance: '0' });
  });
});
