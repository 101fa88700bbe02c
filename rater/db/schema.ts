import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
  /** shared/tenant/placement.ts: a location hint, a jurisdiction, the dedup layout (null: defaults). */
  region: text('region'),
  jurisdiction: text('jurisdiction'),
  dedupLayout: jsonb('dedup_layout'),
  /** shared/account/unknown-accounts.ts: METER or FAIL events of accounts never created (NULL: METER). Copied to the home row. */
  unknownAccounts: text('unknown_accounts'),
});

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id),
  name: text('name').notNull(),
  /** SHA-256 of the secret; the secret itself is never stored. */
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters of the key, to recognise it in a list. */
  keyPrefix: text('key_prefix').notNull(),
  scopes: text('scopes').array().notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const eventSchemas = pgTable(
  'event_schemas',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    status: text('status').notNull().default('DRAFT'),
    description: text('description'),
    attributes: jsonb('attributes').notNull().default(sql`'[]'::jsonb`),
    dimensions: jsonb('dimensions').notNull().default(sql`'[]'::jsonb`),
    enrichments: jsonb('enrichments'),
    eventIdTemplate: text('event_id_template'),
    /** Togai's filterFields: the dimensions usage meters may filter on (all, when absent). */
    filterFields: jsonb('filter_fields'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);

/** Every published version of a schema, frozen: what events of that version were validated against. */
export const eventSchemaVersions = pgTable(
  'event_schema_versions',
  {
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    description: text('description'),
    attributes: jsonb('attributes').notNull(),
    dimensions: jsonb('dimensions').notNull(),
    enrichments: jsonb('enrichments'),
    eventIdTemplate: text('event_id_template'),
    filterFields: jsonb('filter_fields'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name, t.version] })],
);

export const usageMeters = pgTable(
  'usage_meters',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    billableName: text('billable_name'),
    description: text('description'),
    type: text('type').notNull().default('COUNTER'),
    aggregation: text('aggregation').notNull(),
    eventSchemaName: text('event_schema_name').notNull(),
    filters: jsonb('filters').notNull().default(sql`'[]'::jsonb`),
    computations: jsonb('computations').notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('DRAFT'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastActivatedAt: timestamp('last_activated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('usage_meters_tenant_name').on(t.tenantId, t.name),
    index('usage_meters_tenant_schema').on(t.tenantId, t.eventSchemaName, t.status),
    // Listing pages through (created_at, id).
    index('usage_meters_tenant_created').on(t.tenantId, t.createdAt, t.id),
  ],
);

/**
 * Features (docs/design.md §8): what an account may be entitled to, and which events' schemas consume it.
 * Names stay taken once archived, as for meters.
 */
export const features = pgTable(
  'features',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    billableName: text('billable_name'),
    status: text('status').notNull().default('ACTIVE'),
    /** [{schemaName, attributeName?}]: the events that consume the feature, and by how much. */
    schemaAssociations: jsonb('schema_associations').notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('features_tenant_name').on(t.tenantId, t.name),
    // Listing pages through (created_at, id).
    index('features_tenant_created').on(t.tenantId, t.createdAt, t.id),
  ],
);

/**
 * The exactly-once gate: a batch inserts its ids here first and meters only those that were new.
 * Also the event's status record, so it stays a small plain table even where `events` is a
 * hypertable (whose unique keys must include the time column).
 */
export const eventIds = pgTable(
  'event_ids',
  {
    tenantId: text('tenant_id').notNull(),
    eventId: text('event_id').notNull(),
    eventTime: timestamp('event_time', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    /** Why the event has its status: matched meters and their values, or what failed. */
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.eventId] })],
);

/** Raw events as accepted: a TimescaleDB hypertable on event_time where the extension exists. */
export const events = pgTable(
  'events',
  {
    tenantId: text('tenant_id').notNull(),
    eventId: text('event_id').notNull(),
    eventTime: timestamp('event_time', { withTimezone: true }).notNull(),
    accountId: text('account_id').notNull(),
    schemaName: text('schema_name').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    attributes: jsonb('attributes').notNull(),
    /** The unit of each attribute as sent (or the schema's defaultUnit). */
    units: jsonb('units').notNull().default(sql`'{}'::jsonb`),
    dimensions: jsonb('dimensions').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventId, t.eventTime] }),
    index('events_tenant_account_time').on(t.tenantId, t.accountId, t.eventTime),
    // GET /events lists a tenant's events newest first.
    index('events_tenant_time').on(t.tenantId, t.eventTime.desc(), t.eventId.desc()),
  ],
);

/**
 * Per-minute rollups keyed by meter, account and the event's dimension set. Every aggregation is
 * kept, so COUNT/SUM/MIN/MAX/LATEST over any range are exact merges of these rows.
 */
export const usageRollups = pgTable(
  'usage_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    meterId: text('meter_id').notNull(),
    accountId: text('account_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    /** Canonical JSON of `dimensions`, so equal dimension sets share a row. */
    dimensionsKey: text('dimensions_key').notNull(),
    dimensions: jsonb('dimensions').notNull(),
    eventCount: bigint('event_count', { mode: 'number' }).notNull(),
    valueSum: numeric('value_sum').notNull(),
    valueMin: numeric('value_min').notNull(),
    valueMax: numeric('value_max').notNull(),
    latestValue: numeric('latest_value').notNull(),
    latestAt: timestamp('latest_at', { withTimezone: true }).notNull(),
    /** Ties on latest_at break on the event id, so LATEST never depends on arrival order. */
    latestEventId: text('latest_event_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.meterId, t.accountId, t.dimensionsKey, t.bucket] }),
    index('usage_rollups_meter_bucket').on(t.tenantId, t.meterId, t.bucket),
  ],
);

/**
 * UNIQUE_COUNT's state: each distinct value a meter saw, per account, dimension set and minute.
 * A distinct count over any range is exact (count(distinct value) over these rows); no sketch.
 */
export const usageDistinct = pgTable(
  'usage_distinct',
  {
    tenantId: text('tenant_id').notNull(),
    meterId: text('meter_id').notNull(),
    accountId: text('account_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    dimensionsKey: text('dimensions_key').notNull(),
    dimensions: jsonb('dimensions').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.meterId, t.accountId, t.dimensionsKey, t.bucket, t.value] }),
    index('usage_distinct_meter_bucket').on(t.tenantId, t.meterId, t.bucket),
  ],
);

/**
 * Price plans (docs/design.md §9): the plan's name, status and latest version. The rates themselves live
 * in price_plan_versions. Names stay taken once archived, as for meters and features.
 */
export const pricePlans = pgTable(
  'price_plans',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status').notNull().default('DRAFT'),
    /** The latest version: 1 while DRAFT; publishing a change of an ACTIVE plan adds one. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('price_plans_tenant_name').on(t.tenantId, t.name),
    // Listing pages through (created_at, id).
    index('price_plans_tenant_created').on(t.tenantId, t.createdAt, t.id),
  ],
);

/**
 * Each version's definition (currency, cycle, rate cards, fees, grants), frozen once the plan is
 * ACTIVE: associations pin a version, so what rated an account never changes under it.
 */
export const pricePlanVersions = pgTable(
  'price_plan_versions',
  {
    tenantId: text('tenant_id').notNull(),
    planId: text('plan_id').notNull(),
    version: integer('version').notNull(),
    /** The PricePlanDefinition, as shared/pricing/price-plan.ts parses it. */
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.planId, t.version] })],
);

/**
 * The next version of an ACTIVE plan while it is being edited (Togai's v2 draft): nothing rates
 * by it until it is finalized into price_plan_versions as version base_version + 1. At most one
 * per plan; base_version is the version it was started from, so a draft overtaken by a version
 * published meanwhile is refused rather than published over it.
 */
export const pricePlanDrafts = pgTable(
  'price_plan_drafts',
  {
    tenantId: text('tenant_id').notNull(),
    planId: text('plan_id').notNull(),
    baseVersion: integer('base_version').notNull(),
    /** The PricePlanDefinition, as shared/pricing/price-plan.ts parses it. */
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.planId] })],
);

/**
 * Which plan version rates an account, from effective_from up to (not including) effective_until.
 * An account's associations never overlap (shared/pricing/place-association.ts).
 */
export const planAssociations = pgTable(
  'plan_associations',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    accountId: text('account_id').notNull(),
    planId: text('plan_id').notNull(),
    planVersion: integer('plan_version').notNull(),
    /**
     * The currency the account is rated in under this association, fixed when it is made (the
     * account's invoiceCurrency if the plan prices in it, else the plan's first currency), so a
     * later change of invoiceCurrency cannot split a cycle's revenue between currencies.
     */
    currency: text('currency').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    effectiveUntil: timestamp('effective_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('plan_associations_tenant_account_from').on(t.tenantId, t.accountId, t.effectiveFrom),
  ],
);

/**
 * The running usage of each rate card in each cycle of each association: the state that makes
 * per-event revenue exact (an event's revenue is the price change from the usage before it).
 * Updated in the metering transaction; a statement prices these quantities.
 */
export const cycleUsage = pgTable(
  'cycle_usage',
  {
    tenantId: text('tenant_id').notNull(),
    associationId: text('association_id').notNull(),
    meterId: text('meter_id').notNull(),
    cycleStart: timestamp('cycle_start', { withTimezone: true }).notNull(),
    cycleEnd: timestamp('cycle_end', { withTimezone: true }).notNull(),
    accountId: text('account_id').notNull(),
    currency: text('currency').notNull(),
    quantity: numeric('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.associationId, t.meterId, t.cycleStart] }),
    index('cycle_usage_account_cycle').on(t.tenantId, t.accountId, t.cycleStart),
  ],
);

/**
 * An account's rated revenue in each billing cycle, per currency, all meters together: what
 * REVENUE_THRESHOLD alerts watch. Kept by migration 0024's triggers on revenue_rollups, inside the
 * statement that writes the revenue (metering, a backdated association's catch-up, a correction),
 * so it always equals the sum of the rollups of the cycle's minutes.
 */
export const cycleRevenue = pgTable(
  'cycle_revenue',
  {
    tenantId: text('tenant_id').notNull(),
    accountId: text('account_id').notNull(),
    currency: text('currency').notNull(),
    cycleStart: timestamp('cycle_start', { withTimezone: true }).notNull(),
    cycleEnd: timestamp('cycle_end', { withTimezone: true }).notNull(),
    revenue: numeric('revenue').notNull(),
    /**
     * The revenue this cycle's alerts were last checked at: revenue written by a statement moves
     * `revenue` row by row, and the statement's end checks the whole change from here at once.
     */
    alertedRevenue: numeric('alerted_revenue').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId, t.currency, t.cycleStart] }),
    index('cycle_revenue_unalerted').on(t.tenantId).where(sql`revenue <> alerted_revenue`),
  ],
);

/**
 * Rated revenue per minute the events happened, meter, account, currency and the price plan of the
 * association that rated it (exact NUMERIC sums). The plan is written by rating, not looked up when
 * read: an association changed later must not move revenue already earned to another plan.
 */
export const revenueRollups = pgTable(
  'revenue_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    meterId: text('meter_id').notNull(),
    accountId: text('account_id').notNull(),
    currency: text('currency').notNull(),
    pricePlanId: text('price_plan_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    revenue: numeric('revenue').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.meterId, t.accountId, t.currency, t.pricePlanId, t.bucket] }),
    index('revenue_rollups_tenant_bucket').on(t.tenantId, t.bucket),
  ],
);

/**
 * What metered events consume of their accounts' features, written in the metering transaction and
 * deleted once the edge's ledger consumer confirms the AccountLedger recorded it (docs/design.md §12). While
 * a row is here the event counts as not yet recorded for the DedupShard, which keeps it and sends
 * it again; each delivery sends the debit again. So a debit lost by the ledger queue is re-sent.
 */
export const ledgerOutbox = pgTable(
  'ledger_outbox',
  {
    tenantId: text('tenant_id').notNull(),
    eventId: text('event_id').notNull(),
    accountId: text('account_id').notNull(),
    /** The event's timestamp in milliseconds: the credits live then are consumed. */
    at: bigint('at', { mode: 'number' }).notNull(),
    lines: jsonb('lines').notNull(),
    /**
     * The event's revenue, for an account with a spend limit (shared/queue/ledger-message.ts
     * eventSpendSchema): written by metering in the same transaction; `lines` is empty when the
     * event owes no feature debit (it was debited at the edge, or consumes no feature).
     */
    spend: jsonb('spend'),
    createdAt: createdAt(),
    /**
     * Set when a ledger message carrying this debit was parked: still owed, but the admin's to
     * replay, so neither its event's deliveries nor the stale sweep send it. The row goes only
     * when the ledger confirms the debit, so a replay sends only debits still owed here.
     */
    parkedAt: timestamp('parked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.eventId] }), index('ledger_outbox_created_at').on(t.createdAt)],
);

/** Versions of spend limits, one per set or removal, increasing across an account's deletes and sets. */
export const accountSpendLimitVersions = pgSequence('account_spend_limit_versions');

/**
 * An account's spend limit per billing cycle (shared/spend/README.md), in its association's
 * currency. Metering writes the revenue of every event of such an account to the ledger outbox.
 * A removed limit stays as a row with no `amount`: the account's spend keeps reaching its ledger,
 * so a limit set again in the same cycle finds every event since the first one counted.
 */
export const accountSpendLimits = pgTable(
  'account_spend_limits',
  {
    tenantId: text('tenant_id').notNull(),
    accountId: text('account_id').notNull(),
    /** Null once removed. */
    amount: numeric('amount'),
    currency: text('currency').notNull(),
    /**
     * From `account_spend_limit_versions`, taken by every set and removal: the AccountLedger keeps
     * the copy with the highest, so a push delivered late never overrides a newer one.
     */
    version: bigint('version', { mode: 'number' }).notNull(),
    /**
     * The version last handed to the ledger queue: below `version`, the push after the commit was
     * lost (or is under way), and the sweep sends it (rater/pipeline/resend-stale-debits.ts).
     */
    pushedVersion: bigint('pushed_version', { mode: 'number' }).notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.accountId] })],
);

/**
 * Changes of an account's spend that no single event's first rating carries (shared/spend/README.md):
 * revenue rated or unrated later — the catch-up of a backdated association, an UNDO, a REDO's
 * re-metering — and, when a limit is first set, the revenue its cycle had already rated. Written in
 * the transaction that changes the revenue, for accounts with a spend limit row, and sent to the
 * account's AccountLedger until the ledger consumer settles it; the ledger records each once under
 * `spendAdjustmentKey(id)`. One of an UNDO or REDO waits for `after_event_id`'s own record to leave
 * ledger_outbox, so the ledger never takes back revenue before it has counted it.
 */
export const ledgerSpendAdjustments = pgTable(
  'ledger_spend_adjustments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    accountId: text('account_id').notNull(),
    amount: numeric('amount').notNull(),
    currency: text('currency').notNull(),
    /** The billing cycle the revenue is in, [cycleStart, cycleEnd) in milliseconds. */
    cycleStart: bigint('cycle_start', { mode: 'number' }).notNull(),
    cycleEnd: bigint('cycle_end', { mode: 'number' }).notNull(),
    afterEventId: text('after_event_id'),
    createdAt: createdAt(),
    /** As ledger_outbox.parked_at: a parked message carried it; the admin's to replay. */
    parkedAt: timestamp('parked_at', { withTimezone: true }),
  },
  (t) => [
    index('ledger_spend_adjustments_account').on(t.tenantId, t.accountId),
    // Looked up at every confirmation of debits (Rater.settleLedgerDebits): only corrections' rows carry one.
    index('ledger_spend_adjustments_after').on(t.tenantId, t.afterEventId).where(sql`after_event_id IS NOT NULL`),
    index('ledger_spend_adjustments_created_at').on(t.createdAt),
  ],
);

/**
 * What corrections of events (POST /events/correction) change in their accounts' credits, written
 * in the correction's transaction and deleted once the edge's ledger consumer confirms the
 * AccountLedger applied it (docs/design.md §15): a REFUND gives back what the event consumed, a
 * DEBIT consumes what its corrected payload does. `seq` numbers an event's corrections, so a
 * retried correction that changed nothing writes nothing and a later UNDO after a REDO is a row of
 * its own. An event's rows are sent together, in order, and only once its debit has left
 * ledger_outbox, so the ledger never gives back what it has not yet debited.
 */
export const ledgerCorrections = pgTable(
  'ledger_corrections',
  {
    tenantId: text('tenant_id').notNull(),
    eventId: text('event_id').notNull(),
    seq: integer('seq').notNull(),
    accountId: text('account_id').notNull(),
    effect: text('effect', { enum: ['REFUND', 'DEBIT'] }).notNull(),
    /** The (corrected) event's timestamp in milliseconds: the credits live then are the ones moved. */
    at: bigint('at', { mode: 'number' }).notNull(),
    lines: jsonb('lines').notNull(),
    createdAt: createdAt(),
    /** As ledger_outbox.parked_at: a parked message carried it; the admin's to replay. */
    parkedAt: timestamp('parked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventId, t.seq] }),
    index('ledger_corrections_created_at').on(t.createdAt),
  ],
);

/**
 * Queue messages a consumer could not deliver after every retry, or could not read: parked here,
 * never dropped, until an admin replays them (POST /events/replay). The body is kept as text,
 * exactly as JSON.stringify wrote it, so even a message Postgres' jsonb would refuse is kept.
 */
export const parkedMessages = pgTable(
  'parked_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text('queue').notNull(),
    /** Null when the message does not say whose it is (malformed): visible to operators only. */
    tenantId: text('tenant_id'),
    body: text('body').notNull(),
    reason: text('reason').notNull(),
    parkedAt: timestamp('parked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('parked_messages_tenant').on(t.tenantId, t.id)],
);

/**
 * Where a long job (one that runs in bounded pages, over several cron invocations) has got to:
 * `cursor` is the job's own, and `started_at` the instant the whole pass works at.
 */
export const jobCursors = pgTable('job_cursors', {
  name: text('name').primaryKey(),
  cursor: jsonb('cursor').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  updatedAt: updatedAt(),
});

/** Togai's customers (shared/account/customer.ts). Deleting one archives it: ids stay taken. */
export const customers = pgTable(
  'customers',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    togaiCustomerId: text('togai_customer_id').notNull(),
    name: text('name').notNull(),
    primaryEmail: text('primary_email').notNull(),
    address: jsonb('address').notNull(),
    settings: jsonb('settings'),
    status: text('status').notNull().default('ACTIVE'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('customers_tenant_created').on(t.tenantId, t.createdAt, t.id),
  ],
);

/**
 * Togai's accounts (shared/account/account.ts). `id` is the accountId events, credits and plan
 * associations name: those never require a row here. Deleting one archives it.
 */
export const accounts = pgTable(
  'accounts',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    togaiAccountId: text('togai_account_id').notNull(),
    customerId: text('customer_id').notNull(),
    name: text('name').notNull(),
    invoiceCurrency: text('invoice_currency'),
    netTermDays: integer('net_term_days'),
    address: jsonb('address'),
    primaryEmail: text('primary_email'),
    billingInformation: jsonb('billing_information'),
    settings: jsonb('settings'),
    metadata: jsonb('metadata'),
    tags: jsonb('tags'),
    status: text('status').notNull().default('ACTIVE'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('accounts_tenant_created').on(t.tenantId, t.createdAt, t.id),
    index('accounts_tenant_customer').on(t.tenantId, t.customerId),
    // GET /accounts?search=: a case-insensitive prefix of the id or the name is a range of these.
    index('accounts_tenant_lower_id').on(t.tenantId, sql`lower(${t.id}) text_pattern_ops`),
    index('accounts_tenant_lower_name').on(t.tenantId, sql`lower(${t.name}) text_pattern_ops`),
  ],
);

/** An account's aliases over time: NULL ends are -infinity / +infinity. Removing one ends it. */
export const accountAliases = pgTable(
  'account_aliases',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    accountId: text('account_id').notNull(),
    value: text('value').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }),
    effectiveUntil: timestamp('effective_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('account_aliases_tenant_account').on(t.tenantId, t.accountId),
    index('account_aliases_tenant_value').on(t.tenantId, t.value),
  ],
);

/**
 * Togai's money credits (shared/credit/): granted to an account, paid out to its statements in
 * priority order. What each has consumed is not stored: it is computed from the revenue the rater
 * records exactly once (shared/credit/consume-credits.ts). A void freezes what it had used then.
 */
export const credits = pgTable(
  'credits',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    accountId: text('account_id').notNull(),
    customerId: text('customer_id').notNull(),
    purpose: text('purpose').notNull(),
    applicableEntityIds: jsonb('applicable_entity_ids').$type<string[]>(),
    /** Days (UTC); effective_until inclusive, NULL: never expires. */
    effectiveFrom: text('effective_from').notNull(),
    effectiveUntil: text('effective_until'),
    creditAmount: numeric('credit_amount').notNull(),
    creditUnit: text('credit_unit').notNull(),
    priority: integer('priority').notNull(),
    grantorId: text('grantor_id'),
    idempotencyKey: text('idempotency_key'),
    /** The request as received, so a repeat under the same idempotency key can be told from another request. */
    requestHash: text('request_hash').notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    /** What it had consumed and held when voided: all it will ever pay. */
    voidedUsed: numeric('voided_used'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('credits_tenant_account').on(t.tenantId, t.accountId, t.id),
    uniqueIndex('credits_tenant_idempotency_key')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);

/** Togai's customer contacts: people to reach at a customer. Usernames are unique per tenant. */
export const customerContacts = pgTable(
  'customer_contacts',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    username: text('username').notNull(),
    customerId: text('customer_id').notNull(),
    preferredUsername: text('preferred_username'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.username] }),
    index('customer_contacts_tenant_customer').on(t.tenantId, t.customerId, t.createdAt),
  ],
);

/** Togai's alias registry (shared/account/alias-registry.ts): values the tenant declared; apart from account_aliases. */
export const aliases = pgTable(
  'aliases',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    value: text('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.value] })],
);

/**
 * Togai's settings (shared/settings/setting.ts): the tenant's key/value store. `ref` is Togai's
 * setting_id_str, derived from namespace, id and entity, and is the sort key of list pages.
 */
export const settings = pgTable(
  'settings',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ref: text('ref').notNull(),
    namespace: text('namespace').notNull(),
    settingId: text('setting_id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    name: text('name').notNull(),
    value: text('value').notNull(),
    dataType: text('data_type').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ref] }),
    index('settings_tenant_entity').on(t.tenantId, t.entityType, t.entityId),
  ],
);

/**
 * Alerts (shared/alert/alert.ts). `thresholds` are the absolute values crossings are detected
 * against, in the order of `parameters.thresholds`; migration 0022's trigger on cycle_usage and
 * 0024's on revenue_rollups read them inside the metering (and rating) transaction.
 */
export const alerts = pgTable(
  'alerts',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull().default(1),
    templateId: text('template_id').notNull(),
    status: text('status').notNull(),
    description: text('description'),
    interval: integer('interval').notNull(),
    validity: integer('validity'),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    /** What is watched: the meter (USAGE_THRESHOLD), the currency (REVENUE_THRESHOLD) or the feature (BALANCE_THRESHOLD). */
    subjectId: text('subject_id').notNull(),
    /** Null: every account. */
    accountId: text('account_id'),
    parameters: jsonb('parameters').notNull(),
    thresholds: numeric('thresholds').array().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('alerts_subject').on(t.tenantId, t.templateId, t.subjectId),
  ],
);

/**
 * One row per threshold crossing, written by the transaction that made it: Togai's incidents. A
 * balance crossing is written by the rater from an AccountLedger's outbox, its id derived from the
 * crossing's key; a balance has no cycle, so both cycle columns keep the instant of the crossing.
 */
export const alertIncidents = pgTable(
  'alert_incidents',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull().default(sql`gen_random_uuid()::text`),
    /** The order incidents are listed in (and page tokens carry). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    alertId: text('alert_id').notNull(),
    alertVersion: integer('alert_version').notNull(),
    templateId: text('template_id').notNull(),
    accountId: text('account_id').notNull(),
    subjectId: text('subject_id').notNull(),
    thresholdIndex: integer('threshold_index').notNull(),
    threshold: numeric('threshold').notNull(),
    valueBefore: numeric('value_before').notNull(),
    valueAfter: numeric('value_after').notNull(),
    cycleStart: timestamp('cycle_start', { withTimezone: true }).notNull(),
    cycleEnd: timestamp('cycle_end', { withTimezone: true }).notNull(),
    /** Togai's incident status: TRIGGERED when recorded; the tenant may set ACKNOWLEDGED or RESOLVED. */
    status: text('status').notNull().default('TRIGGERED'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('alert_incidents_seq').on(t.tenantId, t.seq)],
);

/**
 * A tenant's webhook endpoints. The secret (whsec_…) is shown once, when created or rotated; after a
 * rotation the previous one still signs beside it until `previous_secret_expires_at`. `status` is
 * ACTIVE, or DISABLED once every attempt has failed for WEBHOOK_DISABLE_AFTER_SECONDS since
 * `failing_since` (shared/webhook/endpoint-health.ts): its deliveries are then HELD, not attempted.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    status: text('status').notNull().default('ACTIVE'),
    /** The first failed attempt since the last 2xx (null: the last attempt succeeded, or none failed). */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * Webhook messages that are not incidents — `endpoint.disabled`, the notice that an endpoint was
 * disabled — written in the transaction that decided them; their deliveries are in the outbox beside
 * the incidents' (webhook_deliveries.incident_id is the message's id, its webhook-id).
 */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    eventType: text('event_type').notNull(),
    /** The envelope's `data`. */
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The webhook outbox: one row per (message, endpoint), inserted with the incident (or the message),
 * so a crossing that committed is delivered and one that rolled back never is. PENDING until a 2xx
 * (DELIVERED) or the last attempt (DEAD); HELD while its endpoint is DISABLED, PENDING again when it
 * is enabled. `incident_id` is the message's id — the incident's for `alert.threshold_crossed`.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: text('tenant_id').notNull(),
    incidentId: text('incident_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    /** When PENDING, the next attempt (a lease's end while one is under way); when DEAD, when the last one failed. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastResponseStatus: integer('last_response_status'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    eventType: text('event_type').notNull().default('alert.threshold_crossed'),
    /** The order an endpoint's delivery log is listed in (and its page tokens carry), newest first. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.incidentId, t.endpointId] }),
    index('webhook_deliveries_due').on(t.nextAttemptAt).where(sql`status = 'PENDING'`),
    index('webhook_deliveries_log').on(t.tenantId, t.endpointId, t.seq),
  ],
);

/**
 * Invoices (shared/invoice): an account's statement for one cycle, frozen when its grace period
 * ended. FINAL rows and their lines are never updated or deleted (migration 0023's triggers
 * refuse it); `number` counts a tenant's invoices from 1 without gaps (invoice_numbers).
 */
export const invoices = pgTable(
  'invoices',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    number: integer('number').notNull(),
    accountId: text('account_id').notNull(),
    /** The account's customer and net term when frozen (null, 0: the account has no row). */
    customerId: text('customer_id'),
    netTermDays: integer('net_term_days').notNull(),
    cycleStart: timestamp('cycle_start', { withTimezone: true }).notNull(),
    cycleEnd: timestamp('cycle_end', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('FINAL'),
    /** The plan in force at the cycle's end (the last of its statement's plans); null if it had none. */
    pricePlanId: text('price_plan_id'),
    /** [{currency, amount}]: the statement's totals plus the adjustments, per currency. */
    totals: jsonb('totals').notNull(),
    /** The instant the freeze pass ran for (its `now`): the invoice date. */
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('invoices_tenant_number').on(t.tenantId, t.number),
    uniqueIndex('invoices_account_cycle').on(t.tenantId, t.accountId, t.cycleStart),
  ],
);

/** An invoice's lines, in order: usage, fixed fees, then adjustments of earlier cycles. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    currency: text('currency').notNull(),
    amount: numeric('amount').notNull(),
    /** ADJUSTMENT lines: the start of the (same account's) cycle they adjust. */
    adjustsCycleStart: timestamp('adjusts_cycle_start', { withTimezone: true }),
    /** The whole line (shared/invoice/invoice-lines.ts InvoiceLine). */
    line: jsonb('line').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.invoiceId, t.position] })],
);

/** The last invoice number given in each tenant: taken and bumped in the freezing transaction. */
export const invoiceNumbers = pgTable('invoice_numbers', {
  tenantId: text('tenant_id').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});
