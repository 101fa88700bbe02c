import { env, runInDurableObject } from 'cloudflare:test';
import { it } from 'vitest';
import type { Claim } from '../../edge/dedup/claim';
import type { DedupShard } from '../../edge/dedup/dedup-shard';
import { ledgerFor, unwrap } from '../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../shared/tenant/placement';
import type { EventBatchMessage } from '../../shared/queue/event-batch-message';

/**
 * Measured in workerd's SQLite-backed Durable Objects (the figures bench/capacity.ts turns into
 * the capacity model): bytes each claimed id, each final debit's key, each spend record's key and
 * each PENDING /entitled debit add to an object's database, and how many a single object takes per
 * second here.
 * Printed as one JSON line for the runner.
 */
const PHASE = 5_000;
const PHASES = 3;
const CLAIMS_PER_CALL = 500;

function claimOf(id: string): Claim {
  // A realistic claim: a UUID-sized id and the 64-hex SHA-256 payload hash the edge computes.
  return {
    id,
    payloadHash: crypto.randomUUID().replace(/-/g, '') + crypto.randomUUID().replace(/-/g, ''),
    event: {
      id,
      schemaName: 'api_calls',
      schemaVersion: 1,
      timestamp: new Date().toISOString(),
      accountId: 'acme',
      attributes: { bytes: '1500' },
      units: {},
      dimensions: { region: 'eu' },
      acceptedAt: new Date().toISOString(),
    },
  };
}

it('measures', async () => {
  // DedupShard: the outbox is emptied after each phase, as confirmations do in production, so
  // the later phases' growth is the id table's own (the outbox reuses its freed pages).
  const shard = env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(`capacity:${crypto.randomUUID()}`));
  const sizes: number[] = [];
  let claimMs = 0;
  const shardSize = () =>
    runInDurableObject(shard, async (object, state): Promise<number> => {
      await (object as unknown as DedupShard).settled();
      state.storage.sql.exec('DELETE FROM outbox_events');
      state.storage.sql.exec('DELETE FROM outbox_sends');
      return state.storage.sql.databaseSize;
    });
  // Sends go nowhere: this measures the object, not the queue.
  await runInDurableObject(shard, (object) => {
    const instance = object as unknown as { env: object };
    instance.env = { ...instance.env, EVENTS_QUEUE: { sendBatch: async () => {} } };
  });
  sizes.push(await shardSize());
  for (let phase = 0; phase < PHASES; phase++) {
    // Timed from outside, over RPC: inside workerd, clocks move only on I/O.
    const started = performance.now();
    for (let i = 0; i < PHASE; i += CLAIMS_PER_CALL) {
      await shard.claim(
        'capacity',
        Array.from({ length: CLAIMS_PER_CALL }, () => claimOf(`req-${crypto.randomUUID()}`)),
      );
    }
    claimMs += performance.now() - started;
    sizes.push(await shardSize());
  }

  // AccountLedger: one account's debits of one feature. Metered usage arrives as the ledger
  // consumer sends it: 500 debits per consume, then their confirmation once the rater settled them.
  // Each phase is one bucket's worth; what stays of a final debit is its 16-byte key.
  const owner = { tenantId: 'capacity', accountId: `acct-${crypto.randomUUID()}` };
  const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  unwrap(
    await ledger.grant(owner, 'feat.calls', {
      granted: '1000000000',
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(Date.now() - 3_600_000).toISOString(),
    }),
  );
  const ledgerSizes: number[] = [];
  let debitMs = 0;
  const size = () => runInDurableObject(ledger, (_object, state): number => state.storage.sql.databaseSize);
  ledgerSizes.push(await size());
  for (let phase = 0; phase < PHASES; phase++) {
    const started = performance.now();
    for (let i = 0; i < PHASE; i += CLAIMS_PER_CALL) {
      const debits = Array.from({ length: CLAIMS_PER_CALL }, () => ({
        eventId: `req-${crypto.randomUUID()}`,
        at: Date.now(),
        lines: [{ featureId: 'feat.calls', amount: '1' }],
      }));
      await ledger.consume(owner, debits);
      await ledger.confirm(debits.map((d) => d.eventId));
    }
    debitMs += performance.now() - started;
    ledgerSizes.push(await size());
  }

  // A spend-limited account's revenue records, as the ledger consumer sends them: 500 per call, then
  // their confirmation. Each phase is one bucket's worth; what stays of a record is its 16-byte key
  // (the cycle's sum is one row whatever the count).
  const limited = { tenantId: 'capacity', accountId: `limited-${crypto.randomUUID()}` };
  const spendLedger = ledgerFor(env, limited, DEFAULT_OBJECT_PLACEMENT);
  await spendLedger.setSpendLimit(limited, { amount: '1000000000', currency: 'USD' }, 1);
  const spendSize = () => runInDurableObject(spendLedger, (_object, state): number => state.storage.sql.databaseSize);
  const spendSizes: number[] = [await spendSize()];
  const cycle = { currency: 'USD', cycleStart: Date.now() - 86_400_000, cycleEnd: Date.now() + 30 * 86_400_000 };
  for (let phase = 0; phase < PHASES; phase++) {
    for (let i = 0; i < PHASE; i += CLAIMS_PER_CALL) {
      const keys = Array.from({ length: CLAIMS_PER_CALL }, () => `req-${crypto.randomUUID()}`);
      await spendLedger.recordSpend(
        limited,
        keys.map((key) => ({ key, eventId: key, amount: '0.0125', ...cycle })),
      );
      await spendLedger.confirm(keys);
    }
    spendSizes.push(await spendSize());
  }

  // One /entitled debit at a time (each its own call), as concurrent callers would arrive: each
  // stays PENDING, with its lines, until the alarm reconciles it a minute later.
  const singles = 2_000;
  const beforeSingles = await size();
  const started = performance.now();
  for (let i = 0; i < singles; i++) {
    await ledger.entitle(owner, {
      eventId: `one-${i}-${crypto.randomUUID()}`,
      lines: [{ featureId: 'feat.calls', amount: '1' }],
    });
  }
  const entitleMs = performance.now() - started;
  const bytesPerPendingDebit = ((await size()) - beforeSingles) / singles;

  // Events per queue message under load: single-event claims arriving faster than the shard
  // sends. Claims that commit while a send is under way go out together in the next round,
  // packed by bytes. Sends go to the local queue (recorded on the way): its latency stands in for
  // Queues' own, which is likely longer — and longer sends pack more.
  const loaded = env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(`capacity-load:${crypto.randomUUID()}`));
  const messages: EventBatchMessage[] = [];
  await runInDurableObject(loaded, (object) => {
    const instance = object as unknown as { env: object };
    const real = env.EVENTS_QUEUE;
    const sendBatch = async (batch: MessageSendRequest<EventBatchMessage>[]) => {
      messages.push(...batch.map((m) => m.body));
      await real.sendBatch(batch);
    };
    instance.env = { ...instance.env, EVENTS_QUEUE: { sendBatch } };
  });
  const loadClaims = 4_000;
  await Promise.all(
    Array.from({ length: loadClaims }, () => loaded.claim('capacity', [claimOf(`load-${crypto.randomUUID()}`)])),
  );
  await runInDurableObject(loaded, (object) => (object as unknown as DedupShard).settled());
  const eventsPerMessageUnderLoad = messages.reduce((n, m) => n + m.events.length, 0) / messages.length;

  const perItem = (series: number[]) => (series.at(-1)! - series[1]!) / ((series.length - 2) * PHASE);
  console.log(
    `CAPACITY_MEASURED ${JSON.stringify({
      bytesPerClaimedId: perItem(sizes),
      claimsPerSecondBatched: (PHASES * PHASE) / (claimMs / 1000),
      bytesPerDebitKey: perItem(ledgerSizes),
      bytesPerSpendKey: perItem(spendSizes),
      bytesPerPendingDebit,
      debitsPerSecondBatched: (PHASES * PHASE) / (debitMs / 1000),
      entitledDebitsPerSecond: singles / (entitleMs / 1000),
      queuedEventBytes: JSON.stringify(claimOf(`req-${crypto.randomUUID()}`).event).length,
      eventsPerMessageUnderLoad,
    })}`,
  );
});
