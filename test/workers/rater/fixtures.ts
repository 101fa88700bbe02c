import { env } from 'cloudflare:test';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import type { CreateUsageMeterRequest, UsageMeter } from '../../../shared/meter/usage-meter';
import { connect } from '../../../rater/db/connect';
import { queryUsage } from '../../../rater/queries/usage';
import { ensureTenant } from '../../../rater/store/api-keys';
import { insertEventSchema, setEventSchemaStatus } from '../../../rater/store/event-schemas';
import { insertUsageMeter, setUsageMeterStatus } from '../../../rater/store/usage-meters';
import { insertAccount } from '../../../rater/store/accounts';
import { insertCustomer } from '../../../rater/store/customers';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';

export const SCHEMA = 'requests';

/** Runs work on a pool of its own, ended afterwards. */
export async function withDb<T>(work: (db: ReturnType<typeof connect>['db']) => Promise<T>): Promise<T> {
  const { db, pool } = connect(env);
  try {
    return await work(db);
  } finally {
    await pool.end();
  }
}

/** A tenant of its own per test, with one ACTIVE schema and the given ACTIVE meters. */
export async function seedTenant(meters: Omit<CreateUsageMeterRequest, 'eventSchemaName' | 'type'>[]) {
  const tenantId = `t-${crypto.randomUUID()}`;
  const { db, pool } = connect(env);
  try {
    await ensureTenant(db, tenantId);
    const draft = await insertEventSchema(db, tenantId, {
      name: SCHEMA,
      attributes: [{ name: 'bytes' }, { name: 'divisor' }],
      dimensions: [{ name: 'region' }, { name: 'user' }],
      enrichments: {
        fields: [
          // Throws on events whose divisor is 0 — the poison-event case.
          {
            name: 'per_unit',
            type: 'ATTRIBUTE',
            enrichmentType: 'JSON_LOGIC',
            value: '{"/":[{"var":"attributes.bytes"},{"var":"attributes.divisor"}]}',
            order: 1,
          },
        ],
      },
    });
    await setEventSchemaStatus(db, tenantId, draft!, 'ACTIVE');
    const created: UsageMeter[] = [];
    for (const m of meters) {
      const meter = await insertUsageMeter(db, tenantId, { ...m, type: 'COUNTER', eventSchemaName: SCHEMA });
      created.push((await setUsageMeterStatus(db, tenantId, meter!, 'ACTIVE'))!);
    }
    return { tenantId, meters: created };
  } finally {
    await pool.end();
  }
}

export function requestEvent(id: string, bytes: string, overrides: Partial<AcceptedEvent> = {}): AcceptedEvent {
  return {
    id,
    schemaName: SCHEMA,
    schemaVersion: 1,
    timestamp: '2026-05-01T10:15:30.000Z',
    accountId: 'acme',
    attributes: { bytes, divisor: '1' },
    units: {},
    dimensions: { region: 'eu' },
    acceptedAt: '2026-05-01T10:15:31.000Z',
    ...overrides,
  };
}

export async function usageOf(tenantId: string, meter: UsageMeter, accountId?: string) {
  const { db, pool } = connect(env);
  try {
    const query = {
      meterId: meter.id,
      from: '2026-04-01T00:00:00Z',
      to: '2026-06-01T00:00:00Z',
      timeZone: 'UTC',
      accountId,
    };
    return (await queryUsage(db, tenantId, meter, query)).value;
  } finally {
    await pool.end();
  }
}

export async function eventStatus(tenantId: string, eventId: string) {
  const { pool } = connect(env);
  try {
    const rows = await pool.query('SELECT status, detail FROM event_ids WHERE tenant_id = $1 AND event_id = $2', [
      tenantId,
      eventId,
    ]);
    return rows.rows[0] as { status: string; detail: Record<string, unknown> } | undefined;
  } finally {
    await pool.end();
  }
}

/** The real ledger queue binding, with a record of what went through it. */
export function recordingLedgerQueue() {
  const sent: LedgerMessage[] = [];
  const queue = {
    send: async (body: LedgerMessage) => {
      sent.push(body);
      await env.LEDGER_QUEUE.send(body);
    },
    sendBatch: async (batch: Iterable<MessageSendRequest<LedgerMessage>>) => {
      const list = [...batch];
      sent.push(...list.map((m) => m.body));
      await env.LEDGER_QUEUE.sendBatch(list);
    },
  } as unknown as Queue<LedgerMessage>;
  return { queue, sent };
}

/**
 * A tenant metering `bytes` (SUM), priced at 0.01 USD a byte up to 120 and 0.02 after, monthly
 * from the 1st, with a customer `cus` and these accounts on no plan yet: the spend-limit tests'.
 */
export async function perByteTenant(db: ReturnType<typeof connect>['db'], accountIds: string[]) {
  const { tenantId, meters } = await seedTenant([
    {
      name: 'bytes',
      aggregation: 'SUM',
      filters: [],
      computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
    },
  ]);
  const draft = await insertPricePlan(db, tenantId, {
    name: 'per_byte',
    currency: 'USD',
    pricingCycle: {
      interval: 'MONTHLY',
      startOffset: { dayOffset: 1, monthOffset: 1 },
      anniversaryCycle: false,
      gracePeriod: 0,
    },
    usageRateCards: [
      usageRateCardSchema.parse({
        usageMeterId: meters[0]?.id,
        pricingModel: 'TIERED',
        slabs: [
          { startAfter: '0', rate: '0.01' },
          { startAfter: '120', rate: '0.02' },
        ],
      }),
    ],
    fixedFees: [],
    entitlementRateCards: [],
  });
  const plan = draft ? await setPricePlanStatus(db, tenantId, draft, 'ACTIVE') : null;
  if (!plan) {
    throw new Error('the price plan was not created');
  }
  await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
  for (const id of accountIds) {
    await insertAccount(db, tenantId, 'cus', { id, name: id, invoiceCurrency: 'USD' });
  }
  return { tenantId, planId: plan.id };
}
