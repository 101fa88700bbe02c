import { Decimal } from '../../shared/decimal/decimal';
import type { MoneyHoldStatus } from '../../shared/spend/spend-book';
import type { SpendLimit, SpendTotals } from '../../shared/spend/spend-limit';
import type { ReleaseReason } from '../../shared/entitlement/reservation';
import type { Claim } from '../dedup/claim';
import type { BucketKey } from './key-buckets';
import { SpendKeys } from './spend-keys';

/** One money reservation as the ledger keeps it. Amounts are decimal strings, times milliseconds. */
export interface MoneyReservationRecord {
  key: string;
  estimate: string;
  currency: string;
  ttlMs: number;
  status: MoneyHoldStatus;
  createdAt: number;
  expiresAt: number;
  /** Settled: the event it ingests, its payload hash, and the claim the alarm makes again if the edge's did not land. */
  eventId: string | null;
  payloadHash: string | null;
  claim: Claim | null;
  endedAt: number | null;
  reason: ReleaseReason | null;
}

type Row = {
  key: string;
  estimate: string;
  currency: string;
  ttl_ms: number;
  status: MoneyHoldStatus;
  created_at: number;
  expires_at: number;
  event_id: string | null;
  payload_hash: string | null;
  claim: string | null;
  ended_at: number | null;
  reason: ReleaseReason | null;
};

/**
 * The AccountLedger's spend tables (shared/spend/spend-limit.ts has the rules):
 * - `spend_limit`: the ledger's copy of the account's limit (amount null: removed) and the version
 *   Postgres gave it, one row — none until the first push or read-through;
 * - the keys of the records counted (spend-keys.ts), so a redelivered record counts once: kept in
 *   time buckets only as long as a copy can still arrive;
 * - `spend_cycles`: the running sum of each cycle's records — the only place what they counted is
 *   kept — so a decision reads one row, not a cycle's worth of events;
 * - `spend_pending`: settled estimates under their event's id, until its revenue arrives;
 * - `money_reservations`: holds, with the same life as feature reservations.
 */
export class SpendRows {
  readonly keys: SpendKeys;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS spend_limit (id INTEGER PRIMARY KEY CHECK (id = 1), amount TEXT, currency TEXT, version INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS spend_cycles (
        cycle_start INTEGER NOT NULL, cycle_end INTEGER NOT NULL, currency TEXT NOT NULL, spent TEXT NOT NULL,
        PRIMARY KEY (cycle_start, cycle_end, currency));
      CREATE TABLE IF NOT EXISTS spend_pending (event_id TEXT PRIMARY KEY, amount TEXT NOT NULL, since INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS money_reservations (
        key TEXT PRIMARY KEY, estimate TEXT NOT NULL, currency TEXT NOT NULL, ttl_ms INTEGER NOT NULL,
        status TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        event_id TEXT, payload_hash TEXT, claim TEXT, ended_at INTEGER, reason TEXT);
      CREATE INDEX IF NOT EXISTS money_reservations_held ON money_reservations (expires_at) WHERE status = 'HELD';
      CREATE INDEX IF NOT EXISTS money_reservations_ended ON money_reservations (ended_at) WHERE ended_at IS NOT NULL;
      CREATE UNIQUE INDEX IF NOT EXISTS money_reservations_event ON money_reservations (event_id) WHERE event_id IS NOT NULL;
    `);
    this.keys = new SpendKeys(sql);
  }

  limit(): SpendLimit | null {
    const row = this.sql
      .exec<{ amount: string | null; currency: string | null }>('SELECT amount, currency FROM spend_limit')
      .toArray()[0];
    return row?.amount != null && row.currency != null ? { amount: row.amount, currency: row.currency } : null;
  }

  /** The version of the copy kept, or null when the ledger has none yet (it must read through). */
  limitVersion(): number | null {
    return this.sql.exec<{ version: number }>('SELECT version FROM spend_limit').toArray()[0]?.version ?? null;
  }

  /** Keeps `limit` (null: removed) only if `version` is newer than the copy's; false when it is not. */
  saveLimit(limit: SpendLimit | null, version: number): boolean {
    const kept = this.limitVersion();
    if (kept !== null && kept >= version) {
      return false;
    }
    this.sql.exec(
      'INSERT OR REPLACE INTO spend_limit (id, amount, currency, version) VALUES (1, ?, ?, ?)',
      limit ? new Decimal(limit.amount).toFixed() : null,
      limit?.currency ?? null,
      version,
    );
    return true;
  }

  /**
   * Spent in `currency` in the cycle containing `now`, held by unexpired holds, and pending. Revenue
   * in another currency (an association in another currency) cannot be compared with the limit: it
   * is recorded, and counts against a limit in its own currency only; with no currency, none counts.
   */
  totals(now: number, currency: string | null): SpendTotals {
    const spent = this.sql
      .exec<{ spent: string }>(
        'SELECT spent FROM spend_cycles WHERE cycle_start <= ? AND cycle_end > ? AND currency = ?',
        now,
        now,
        currency,
      )
      .toArray()
      .reduce((t, r) => t.plus(r.spent), new Decimal(0));
    const held = this.sql
      .exec<{ estimate: string }>(
        "SELECT estimate FROM money_reservations WHERE status = 'HELD' AND expires_at > ?",
        now,
      )
      .toArray()
      .reduce((t, r) => t.plus(r.estimate), new Decimal(0));
    const pending = this.sql
      .exec<{ amount: string }>('SELECT amount FROM spend_pending')
      .toArray()
      .reduce((t, r) => t.plus(r.amount), new Decimal(0));
    return { spent: spent.toFixed(), held: held.toFixed(), pending: pending.toFixed() };
  }

  /**
   * Records revenue once per key (`hashed` is its bucket key) and adds it to its cycle; false if
   * the key was recorded already — a copy from an outbox, which owes it until confirmed (`owed`),
   * or one carried with a limit, which no confirmation follows.
   */
  record(
    r: { key: string; amount: string; currency: string; cycleStart: number; cycleEnd: number },
    hashed: BucketKey,
    now: number,
    { owed = true }: { owed?: boolean } = {},
  ): boolean {
    if (this.keys.has(r.key, hashed)) {
      if (owed) {
        this.keys.owe(hashed);
      }
      return false;
    }
    this.keys.add(hashed, now);
    const amount = new Decimal(r.amount).toFixed();
    const before = this.sql
      .exec<{ spent: string }>(
        'SELECT spent FROM spend_cycles WHERE cycle_start = ? AND cycle_end = ? AND currency = ?',
        r.cycleStart,
        r.cycleEnd,
        r.currency,
      )
      .toArray()[0]?.spent;
    this.sql.exec(
      'INSERT OR REPLACE INTO spend_cycles (cycle_start, cycle_end, currency, spent) VALUES (?, ?, ?, ?)',
      r.cycleStart,
      r.cycleEnd,
      r.currency,
      new Decimal(before ?? '0').plus(amount).toFixed(),
    );
    return true;
  }

  /**
   * Forgets the sums (and legacy records) of cycles ended before `before`: they count against
   * nothing any more, and a copy of one of their records would land in an ended cycle, counting nothing.
   */
  pruneCycles(before: number): void {
    this.keys.pruneLegacy(before);
    this.sql.exec('DELETE FROM spend_cycles WHERE cycle_end < ?', before);
  }

  /** The earliest end of a cycle still kept. */
  nextCycleEnd(): number | null {
    return this.sql.exec<{ t: number | null }>('SELECT min(cycle_end) AS t FROM spend_cycles').one().t;
  }

  insertPending(eventId: string, amount: string, now: number): void {
    this.sql.exec('INSERT INTO spend_pending (event_id, amount, since) VALUES (?, ?, ?)', eventId, amount, now);
  }

  deletePending(eventId: string): void {
    this.sql.exec('DELETE FROM spend_pending WHERE event_id = ?', eventId);
  }

  reservation(key: string): MoneyReservationRecord | null {
    const row = this.sql.exec<Row>('SELECT * FROM money_reservations WHERE key = ?', key).toArray()[0];
    return row ? toRecord(row) : null;
  }

  reservationByEvent(eventId: string): MoneyReservationRecord | null {
    const row = this.sql.exec<Row>('SELECT * FROM money_reservations WHERE event_id = ?', eventId).toArray()[0];
    return row ? toRecord(row) : null;
  }

  insertReservation(r: MoneyReservationRecord): void {
    this.sql.exec(
      `INSERT INTO money_reservations (key, estimate, currency, ttl_ms, status, created_at, expires_at, event_id, payload_hash, claim, ended_at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.key,
      r.estimate,
      r.currency,
      r.ttlMs,
      r.status,
      r.createdAt,
      r.expiresAt,
      r.eventId,
      r.payloadHash,
      r.claim ? JSON.stringify(r.claim) : null,
      r.endedAt,
      r.reason,
    );
  }

  endReservation(key: string, status: 'RELEASED' | 'EXPIRED', reason: ReleaseReason, now: number): void {
    this.sql.exec(
      'UPDATE money_reservations SET status = ?, reason = ?, ended_at = ? WHERE key = ?',
      status,
      reason,
      now,
      key,
    );
  }

  settleReservation(key: string, claim: Claim, now: number): void {
    this.sql.exec(
      "UPDATE money_reservations SET status = 'SETTLED', event_id = ?, payload_hash = ?, claim = ?, ended_at = ? WHERE key = ?",
      claim.id,
      claim.payloadHash,
      JSON.stringify(claim),
      now,
      key,
    );
  }

  unsettleReservation(key: string, now: number): void {
    this.sql.exec(
      "UPDATE money_reservations SET status = 'RELEASED', reason = 'EVENT_ID_CONFLICT', ended_at = ?, claim = NULL WHERE key = ?",
      now,
      key,
    );
  }

  expiredKeys(now: number, limit: number): string[] {
    return this.sql
      .exec<{ key: string }>(
        "SELECT key FROM money_reservations WHERE status = 'HELD' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
        now,
        limit,
      )
      .toArray()
      .map((r) => r.key);
  }

  /** The kept claims of settled money reservations among these event ids. */
  claims(eventIds: string[]): Map<string, Claim> {
    const found = new Map<string, Claim>();
    for (const eventId of eventIds) {
      const row = this.sql
        .exec<{ claim: string | null }>(
          "SELECT claim FROM money_reservations WHERE event_id = ? AND status = 'SETTLED'",
          eventId,
        )
        .toArray()[0];
      if (row?.claim) {
        found.set(eventId, JSON.parse(row.claim) as Claim);
      }
    }
    return found;
  }

  /** Forgets reservations ended before `before` whose settle no longer waits on a claim. */
  pruneReservations(before: number): void {
    this.sql.exec(
      'DELETE FROM money_reservations WHERE ended_at IS NOT NULL AND ended_at < ? AND (event_id IS NULL OR event_id NOT IN (SELECT event_id FROM pending_debits))',
      before,
    );
  }

  /** The next moment a reservation is due: a hold's TTL, or an ended reservation to forget. */
  nextReservationDue(memoryMs: number): number | null {
    const held = this.sql
      .exec<{ t: number | null }>("SELECT min(expires_at) AS t FROM money_reservations WHERE status = 'HELD'")
      .one().t;
    const ended = this.sql
      .exec<{ t: number | null }>('SELECT min(ended_at) AS t FROM money_reservations WHERE ended_at IS NOT NULL')
      .one().t;
    const forget = ended === null ? null : ended + memoryMs;
    const due = [held, forget].filter((t): t is number => t !== null);
    return due.length === 0 ? null : Math.min(...due);
  }
}

function toRecord(row: Row): MoneyReservationRecord {
  return {
    key: row.key,
    estimate: row.estimate,
    currency: row.currency,
    ttlMs: row.ttl_ms,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    eventId: row.event_id,
    payloadHash: row.payload_hash,
    claim: row.claim ? (JSON.parse(row.claim) as Claim) : null,
    endedAt: row.ended_at,
    reason: row.reason,
  };
}
