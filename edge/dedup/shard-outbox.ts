import type { AcceptedEvent } from '../../shared/event/accepted-event';

/**
 * Rows sent per round (each holds the accepted events of one claim): under load many small claims
 * wait while a send is under way, and the next round packs them together into few messages (up
 * to 128 KB each), so Queues' per-message ceiling is not spent one event at a time.
 */
const SEND_PAGE = 100;
/**
 * Rows considered per confirmation round. Each call to the rater opens a database connection, so
 * a round asks about many events at once: its rows are cut at CONFIRM_IDS_PER_CALL events, one
 * call per round (a row alone may hold more, then it takes several). With a page of 100 rows,
 * batches spread over 16 shards (~6 events a row) cost a call per ~600 events.
 */
const CONFIRM_PAGE = 1_000;
export const CONFIRM_IDS_PER_CALL = 2_000;
const MAX_CONFIRM_DELAY_MS = 60 * 60 * 1000;
/** Unsent rows whose events are also kept in memory (beyond this, they are read back from SQLite). */
const MAX_UNSENT_IN_MEMORY = 1_000;

export interface OutboxRow {
  seq: number;
  tenantId: string;
  events: AcceptedEvent[];
}

type RawRow = { seq: number; tenant_id: string; body: string };

/** Rows that have no send state, or were put back to be sent again. */
const UNSENT = 'FROM outbox_events e LEFT JOIN outbox_sends s USING (seq) WHERE s.sent_at IS NULL';

/**
 * A DedupShard's outbox (docs/design.md §12): accepted events stay here until the rater has recorded
 * them, not merely until a queue took them — a queue may lose what it took (the local one keeps
 * messages in memory only) or expire it. A row is unsent, or sent and waiting to be confirmed;
 * confirming deletes what the rater recorded and puts the rest back to be sent again. Re-sends
 * are harmless: the rater's id gate counts each event once.
 *
 * The events of a row are written once and read once per send; the send state lives in a table
 * of its own (`outbox_sends`, a few bytes per row), so marking a row sent does not rewrite its
 * events, and finding unsent or due rows does not read through them.
 */
export class ShardOutbox {
  /**
   * The events of rows added by this object and not yet sent, by seq: the drain 250 ms later sends
   * them without reading and parsing them back. SQLite stays the record — which rows are unsent is
   * always asked of it; this only saves re-reading bodies. Dropped on rollback (forgetCache).
   */
  private readonly unsentBodies = new Map<number, AcceptedEvent[]>();

  constructor(
    private readonly sql: SqlStorage,
    /** A sent row is asked about this long after its send, then twice as long after each re-send. */
    private readonly confirmAfterMs: number,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS outbox_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, event_count INTEGER NOT NULL, body TEXT NOT NULL)`);
    sql.exec(
      'CREATE TABLE IF NOT EXISTS outbox_sends (seq INTEGER PRIMARY KEY, sent_at INTEGER, sends INTEGER NOT NULL)',
    );
    adoptOutboxBatches(sql);
  }

  add(tenantId: string, events: AcceptedEvent[]): void {
    const { seq } = this.sql
      .exec<{ seq: number }>(
        'INSERT INTO outbox_events (tenant_id, event_count, body) VALUES (?, ?, ?) RETURNING seq',
        tenantId,
        events.length,
        JSON.stringify(events),
      )
      .one();
    // Set even when full: a seq a rolled-back insert used may be given again, and must not keep old events.
    if (this.unsentBodies.size < MAX_UNSENT_IN_MEMORY || this.unsentBodies.has(seq)) {
      this.unsentBodies.set(seq, events);
    }
  }

  /** After a transaction that may have added rows rolled back. */
  forgetCache(): void {
    this.unsentBodies.clear();
  }

  /** The oldest rows not yet sent. */
  unsent(): OutboxRow[] {
    const rows = this.sql
      .exec<{ seq: number; tenant_id: string }>(`SELECT seq, e.tenant_id ${UNSENT} ORDER BY seq LIMIT ?`, SEND_PAGE)
      .toArray();
    const missing = rows.filter((r) => !this.unsentBodies.has(r.seq)).map((r) => r.seq);
    const read = new Map<number, AcceptedEvent[]>();
    if (missing.length > 0) {
      const bodies = this.sql.exec<{ seq: number; body: string }>(
        'SELECT seq, body FROM outbox_events WHERE seq IN (SELECT value FROM json_each(?))',
        JSON.stringify(missing),
      );
      for (const { seq, body } of bodies) {
        read.set(seq, JSON.parse(body) as AcceptedEvent[]);
      }
    }
    return rows.map((r) => ({
      seq: r.seq,
      tenantId: r.tenant_id,
      events: this.unsentBodies.get(r.seq) ?? read.get(r.seq)!,
    }));
  }

  markSent(rows: OutboxRow[], now: number): void {
    for (const row of rows) {
      this.unsentBodies.delete(row.seq);
    }
    this.sql.exec(
      `INSERT INTO outbox_sends (seq, sent_at, sends) SELECT value, ?2, 1 FROM json_each(?1) WHERE true
       ON CONFLICT (seq) DO UPDATE SET sent_at = excluded.sent_at, sends = sends + 1`,
      JSON.stringify(rows.map((r) => r.seq)),
      now,
    );
  }

  /**
   * Sent rows whose confirmation delay has passed, oldest first, up to CONFIRM_IDS_PER_CALL events
   * (at least one row). Only those rows' bodies are read and parsed.
   */
  dueForConfirmation(now: number): OutboxRow[] {
    const due = this.sql
      .exec<{ seq: number; event_count: number }>(
        `SELECT seq, e.event_count FROM outbox_sends JOIN outbox_events e USING (seq)
         WHERE sent_at IS NOT NULL AND sent_at + ${this.delaySql()} <= ? ORDER BY seq LIMIT ?`,
        now,
        CONFIRM_PAGE,
      )
      .toArray();
    const page: number[] = [];
    let events = 0;
    for (const { seq, event_count } of due) {
      if (page.length > 0 && events + event_count > CONFIRM_IDS_PER_CALL) {
        break;
      }
      page.push(seq);
      events += event_count;
    }
    if (page.length === 0) {
      return [];
    }
    return this.rows(
      'SELECT seq, tenant_id, body FROM outbox_events WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq',
      JSON.stringify(page),
    );
  }

  /**
   * Settles a confirmation round: drops the events the rater recorded; the others are to be sent
   * again. In bulk — a few statements a round, not two a row.
   */
  settle(rows: readonly OutboxRow[], recorded: ReadonlySet<string>): void {
    const done: number[] = [];
    const again: number[] = [];
    for (const row of rows) {
      const remaining = row.events.filter((e) => !recorded.has(e.id));
      if (remaining.length === 0) {
        done.push(row.seq);
      } else {
        again.push(row.seq);
      }
      if (remaining.length > 0 && remaining.length < row.events.length) {
        this.sql.exec(
          'UPDATE outbox_events SET event_count = ?, body = ? WHERE seq = ?',
          remaining.length,
          JSON.stringify(remaining),
          row.seq,
        );
      }
    }
    if (done.length > 0) {
      const seqs = JSON.stringify(done);
      this.sql.exec('DELETE FROM outbox_events WHERE seq IN (SELECT value FROM json_each(?))', seqs);
      this.sql.exec('DELETE FROM outbox_sends WHERE seq IN (SELECT value FROM json_each(?))', seqs);
    }
    if (again.length > 0) {
      this.sql.exec(
        'UPDATE outbox_sends SET sent_at = NULL WHERE seq IN (SELECT value FROM json_each(?))',
        JSON.stringify(again),
      );
    }
  }

  /** Events not yet sent, and sent but not yet confirmed as recorded. */
  counts(): { unsent: number; unconfirmed: number } {
    return this.sql
      .exec<{ unsent: number; unconfirmed: number }>(
        `SELECT coalesce(sum(CASE WHEN s.sent_at IS NULL THEN e.event_count END), 0) AS unsent,
                coalesce(sum(CASE WHEN s.sent_at IS NOT NULL THEN e.event_count END), 0) AS unconfirmed
         FROM outbox_events e LEFT JOIN outbox_sends s USING (seq)`,
      )
      .one();
  }

  /** When the next sent row falls due for confirmation (null: none is waiting). */
  nextConfirmationAt(): number | null {
    return this.sql
      .exec<{ t: number | null }>(
        `SELECT min(sent_at + ${this.delaySql()}) AS t FROM outbox_sends WHERE sent_at IS NOT NULL`,
      )
      .one().t;
  }

  hasUnsent(): boolean {
    return this.sql.exec(`SELECT 1 ${UNSENT} LIMIT 1`).toArray().length > 0;
  }

  /** confirmAfter × 2^(sends − 1), capped: a backlogged queue is not flooded with re-sends. */
  private delaySql(): string {
    return `min(${MAX_CONFIRM_DELAY_MS}, ${this.confirmAfterMs} << min(sends - 1, 20))`;
  }

  private rows(query: string, ...bindings: unknown[]): OutboxRow[] {
    return this.sql
      .exec<RawRow>(query, ...bindings)
      .toArray()
      .map((r) => ({ seq: r.seq, tenantId: r.tenant_id, events: JSON.parse(r.body) as AcceptedEvent[] }));
  }
}

/**
 * Shards written before the send state had a table of its own kept it in `outbox_batches`, after
 * each row's events: carried over once, in order, and that table dropped.
 */
function adoptOutboxBatches(sql: SqlStorage): void {
  if (sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox_batches'").toArray().length === 0) {
    return;
  }
  const columns = new Set(
    sql
      .exec<{ name: string }>('PRAGMA table_info(outbox_batches)')
      .toArray()
      .map((c) => c.name),
  );
  sql.exec(
    'INSERT INTO outbox_events (seq, tenant_id, event_count, body) SELECT seq, tenant_id, event_count, body FROM outbox_batches ORDER BY seq',
  );
  // Shards created before confirmation deleted rows once sent: every row they hold is unsent.
  if (columns.has('sent_at')) {
    sql.exec(
      'INSERT INTO outbox_sends (seq, sent_at, sends) SELECT seq, sent_at, sends FROM outbox_batches WHERE sends > 0 OR sent_at IS NOT NULL',
    );
  }
  sql.exec('DROP TABLE outbox_batches');
}
