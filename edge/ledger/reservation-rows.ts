import type { DebitPlan } from '../../shared/entitlement/ledger-math';
import type { ReleaseReason, ReservationStatus } from '../../shared/entitlement/reservation';
import type { Claim } from '../dedup/claim';

/** One reservation as the ledger keeps it. Amounts are decimal strings, times milliseconds. */
export interface ReservationRecord {
  /** The caller's idempotency key: unique within the account (the id names account and key). */
  key: string;
  featureId: string;
  amount: string;
  ttlMs: number;
  /** What the hold took: allocations on entries and overage, given back or kept by the settle. */
  hold: DebitPlan;
  status: ReservationStatus;
  createdAt: number;
  expiresAt: number;
  /** Settled: the event it ingests, its payload hash, and the claim the alarm makes again if the edge's did not land. */
  eventId: string | null;
  payloadHash: string | null;
  claim: Claim | null;
  settledAmount: string | null;
  endedAt: number | null;
  reason: ReleaseReason | null;
}

type Row = {
  key: string;
  feature_id: string;
  amount: string;
  ttl_ms: number;
  hold: string;
  status: ReservationStatus;
  created_at: number;
  expires_at: number;
  event_id: string | null;
  payload_hash: string | null;
  claim: string | null;
  settled_amount: string | null;
  ended_at: number | null;
  reason: ReleaseReason | null;
};

/** The AccountLedger's reservations table (one row per reservation, kept RESERVATION_MEMORY_MS after it ends). */
export class ReservationRows {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS reservations (
        key TEXT PRIMARY KEY, feature_id TEXT NOT NULL, amount TEXT NOT NULL, ttl_ms INTEGER NOT NULL,
        hold TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        event_id TEXT, payload_hash TEXT, claim TEXT, settled_amount TEXT, ended_at INTEGER, reason TEXT);
      CREATE INDEX IF NOT EXISTS reservations_held ON reservations (expires_at) WHERE status = 'HELD';
      CREATE INDEX IF NOT EXISTS reservations_ended ON reservations (ended_at) WHERE ended_at IS NOT NULL;
      CREATE UNIQUE INDEX IF NOT EXISTS reservations_event ON reservations (event_id) WHERE event_id IS NOT NULL;
    `);
  }

  get(key: string): ReservationRecord | null {
    const row = this.sql.exec<Row>('SELECT * FROM reservations WHERE key = ?', key).toArray()[0];
    return row ? toRecord(row) : null;
  }

  byEventId(eventId: string): ReservationRecord | null {
    const row = this.sql.exec<Row>('SELECT * FROM reservations WHERE event_id = ?', eventId).toArray()[0];
    return row ? toRecord(row) : null;
  }

  insert(r: ReservationRecord): void {
    this.sql.exec(
      `INSERT INTO reservations (key, feature_id, amount, ttl_ms, hold, status, created_at, expires_at, event_id, payload_hash, claim, settled_amount, ended_at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.key,
      r.featureId,
      r.amount,
      r.ttlMs,
      JSON.stringify(r.hold),
      r.status,
      r.createdAt,
      r.expiresAt,
      r.eventId,
      r.payloadHash,
      r.claim ? JSON.stringify(r.claim) : null,
      r.settledAmount,
      r.endedAt,
      r.reason,
    );
  }

  /** Ends a HELD reservation without a settle. */
  end(key: string, status: 'RELEASED' | 'EXPIRED', reason: ReleaseReason, now: number): void {
    this.sql.exec(
      'UPDATE reservations SET status = ?, reason = ?, ended_at = ? WHERE key = ?',
      status,
      reason,
      now,
      key,
    );
  }

  settle(
    key: string,
    s: { eventId: string; payloadHash: string; claim: Claim; settledAmount: string },
    now: number,
  ): void {
    this.sql.exec(
      "UPDATE reservations SET status = 'SETTLED', event_id = ?, payload_hash = ?, claim = ?, settled_amount = ?, ended_at = ? WHERE key = ?",
      s.eventId,
      s.payloadHash,
      JSON.stringify(s.claim),
      s.settledAmount,
      now,
      key,
    );
  }

  /** A settle undone because its event's id belonged to another event: nothing of it stays spent. */
  unsettle(key: string, now: number): void {
    this.sql.exec(
      "UPDATE reservations SET status = 'RELEASED', reason = 'EVENT_ID_CONFLICT', ended_at = ?, claim = NULL WHERE key = ?",
      now,
      key,
    );
  }

  /** HELD reservations whose TTL has passed. */
  expiredKeys(now: number, limit: number): string[] {
    return this.sql
      .exec<{ key: string }>(
        "SELECT key FROM reservations WHERE status = 'HELD' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
        now,
        limit,
      )
      .toArray()
      .map((r) => r.key);
  }

  /** The claims of settled reservations among these event ids (the ones the alarm must see claimed). */
  claims(eventIds: string[]): Map<string, Claim> {
    const found = new Map<string, Claim>();
    for (const eventId of eventIds) {
      const row = this.sql
        .exec<{ claim: string | null }>(
          "SELECT claim FROM reservations WHERE event_id = ? AND status = 'SETTLED'",
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
  prune(before: number): void {
    this.sql.exec(
      'DELETE FROM reservations WHERE ended_at IS NOT NULL AND ended_at < ? AND (event_id IS NULL OR event_id NOT IN (SELECT event_id FROM pending_debits))',
      before,
    );
  }

  /** The next moment something is due: a hold's TTL, or an ended reservation to forget. */
  nextDue(memoryMs: number): number | null {
    const held = this.sql
      .exec<{ t: number | null }>("SELECT min(expires_at) AS t FROM reservations WHERE status = 'HELD'")
      .one().t;
    const ended = this.sql
      .exec<{ t: number | null }>('SELECT min(ended_at) AS t FROM reservations WHERE ended_at IS NOT NULL')
      .one().t;
    const forget = ended === null ? null : ended + memoryMs;
    if (held === null) {
      return forget;
    }
    return forget === null ? held : Math.min(held, forget);
  }

  heldCount(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM reservations WHERE status = 'HELD'").one().n;
  }
}

function toRecord(row: Row): ReservationRecord {
  return {
    key: row.key,
    featureId: row.feature_id,
    amount: row.amount,
    ttlMs: row.ttl_ms,
    hold: JSON.parse(row.hold) as DebitPlan,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    eventId: row.event_id,
    payloadHash: row.payload_hash,
    claim: row.claim ? (JSON.parse(row.claim) as Claim) : null,
    settledAmount: row.settled_amount,
    endedAt: row.ended_at,
    reason: row.reason,
  };
}
