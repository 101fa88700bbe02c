import { inArray } from 'drizzle-orm';
import type { LedgerMessage } from '../../shared/queue/ledger-message';
import type { ObjectPlacement } from '../../shared/tenant/placement';
import type { Queryable } from '../db/connect';
import { tenants } from '../db/schema';

/**
 * The ledger queue, stamping each message with its tenant's placement as it is sent, so the edge
 * delivers it to the AccountLedger in the tenant's jurisdiction (edge/placement) — the object the
 * edge's own routes address, as they are told the same jurisdiction with the tenant's schema or
 * features (the rule: shared/tenant/replicated-config.ts). Placements are read once per send.
 * Stamping adds under 60 bytes a message: message-size.ts packs messages to 100 000 of Queues'
 * 128 KB and sends to 240 000 of 256 KB, so every send stays within both.
 */
export function placedLedgerQueue(db: Queryable, queue: Queue<LedgerMessage>): Queue<LedgerMessage> {
  return {
    metrics: () => queue.metrics(),
    send: async (body, options) => queue.send((await stamped(db, [body]))[0]!, options),
    sendBatch: async (messages, options) => {
      const list = [...messages];
      const bodies = await stamped(
        db,
        list.map((m) => m.body),
      );
      return queue.sendBatch(
        list.map((m, i) => ({ ...m, body: bodies[i]! })),
        options,
      );
    },
  };
}

async function stamped(db: Queryable, bodies: LedgerMessage[]): Promise<LedgerMessage[]> {
  const ids = [...new Set(bodies.map((b) => b.tenantId))];
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ id: tenants.id, region: tenants.region, jurisdiction: tenants.jurisdiction })
          .from(tenants)
          .where(inArray(tenants.id, ids));
  const placements = new Map(
    rows.map((r) => [r.id, { region: r.region, jurisdiction: r.jurisdiction } as ObjectPlacement]),
  );
  return bodies.map((body) => ({
    ...body,
    placement: placements.get(body.tenantId) ?? { region: null, jurisdiction: null },
  }));
}
