import { NO_OVERAGE, type CreditEntry, type FeatureAccount } from '../../shared/entitlement/credit-entry';
import { Decimal } from '../../shared/decimal/decimal';
import type { Allocation } from '../../shared/entitlement/ledger-math';
import type { LedgerOwner } from './ledger-protocol';

type EntryRow = {
  id: string;
  feature_id: string;
  source: string;
  status: 'ACTIVE' | 'VOIDED';
  granted: string;
  used: string;
  effective_from: number;
  effective_until: number | null;
  created_at: number;
};

/**
 * The AccountLedger's SQLite tables for credits: entries, each feature's overage standing,
 * entitlement values (debits are debit-records.ts's). Amounts are decimal strings, times milliseconds.
 */
export class CreditRows {
  /** The owner row is written once; after that no call needs to look. */
  private ownerKnown = false;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS entries (
        id TEXT PRIMARY KEY, feature_id TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,
        granted TEXT NOT NULL, used TEXT NOT NULL, effective_from INTEGER NOT NULL,
        effective_until INTEGER, created_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS entries_feature ON entries (feature_id, created_at, id);
      CREATE TABLE IF NOT EXISTS feature_accounts (
        feature_id TEXT PRIMARY KEY, overage_limit TEXT, used_overage TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS entitlement_values (
        feature_id TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS owner (tenant_id TEXT NOT NULL, account_id TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS overage_paid (
        feature_id TEXT NOT NULL, entry_id TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (feature_id, entry_id));
    `);
  }

  rememberOwner(owner: LedgerOwner): void {
    if (this.ownerKnown || this.owner()) {
      this.ownerKnown = true;
      return;
    }
    this.sql.exec('INSERT INTO owner (tenant_id, account_id) VALUES (?, ?)', owner.tenantId, owner.accountId);
    this.ownerKnown = true;
  }

  owner(): LedgerOwner | null {
    const row = this.sql
      .exec<{ tenant_id: string; account_id: string }>('SELECT tenant_id, account_id FROM owner')
      .toArray()[0];
    return row ? { tenantId: row.tenant_id, accountId: row.account_id } : null;
  }

  entries(featureId: string): CreditEntry[] {
    return this.sql.exec<EntryRow>('SELECT * FROM entries WHERE feature_id = ?', featureId).toArray().map(toEntry);
  }

  entry(id: string): CreditEntry | null {
    const row = this.sql.exec<EntryRow>('SELECT * FROM entries WHERE id = ?', id).toArray()[0];
    return row ? toEntry(row) : null;
  }

  /** Oldest first; `after` is the last id of the previous page. */
  entryPage(featureId: string, after: string | undefined, limit: number): CreditEntry[] {
    const cursor = after ? this.entry(after) : null;
    const rows = cursor
      ? this.sql.exec<EntryRow>(
          'SELECT * FROM entries WHERE feature_id = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?',
          featureId,
          cursor.createdAt,
          cursor.id,
          limit,
        )
      : this.sql.exec<EntryRow>(
          'SELECT * FROM entries WHERE feature_id = ? ORDER BY created_at, id LIMIT ?',
          featureId,
          limit,
        );
    return rows.toArray().map(toEntry);
  }

  /** Entries whose id starts with `prefix` (a plan association's). */
  entriesWithPrefix(prefix: string): CreditEntry[] {
    return this.sql
      .exec<EntryRow>('SELECT * FROM entries WHERE substr(id, 1, ?) = ?', prefix.length, prefix)
      .toArray()
      .map(toEntry);
  }

  insertEntry(e: CreditEntry): void {
    this.sql.exec(
      'INSERT INTO entries (id, feature_id, source, status, granted, used, effective_from, effective_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      e.id,
      e.featureId,
      e.source,
      e.status,
      e.granted,
      e.used,
      e.effectiveFrom,
      e.effectiveUntil,
      e.createdAt,
    );
  }

  updateEntry(id: string, change: { granted: string; effectiveUntil: number | null }): void {
    this.sql.exec(
      'UPDATE entries SET granted = ?, effective_until = ? WHERE id = ?',
      change.granted,
      change.effectiveUntil,
      id,
    );
  }

  setUsed(id: string, used: string): void {
    this.sql.exec('UPDATE entries SET used = ? WHERE id = ?', used, id);
  }

  voidEntry(id: string): void {
    this.sql.exec("UPDATE entries SET status = 'VOIDED' WHERE id = ?", id);
  }

  account(featureId: string): FeatureAccount {
    const row = this.sql
      .exec<{ overage_limit: string | null; used_overage: string }>(
        'SELECT overage_limit, used_overage FROM feature_accounts WHERE feature_id = ?',
        featureId,
      )
      .toArray()[0];
    return row ? { overageLimit: row.overage_limit, usedOverage: row.used_overage } : NO_OVERAGE;
  }

  saveAccount(featureId: string, account: FeatureAccount): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO feature_accounts (feature_id, overage_limit, used_overage) VALUES (?, ?, ?)',
      featureId,
      account.overageLimit,
      account.usedOverage,
    );
  }

  /** What each entry paid toward settled overage and has not had back (overage-refund.ts). */
  overagePaid(featureId: string): Allocation[] {
    return this.sql
      .exec<{ entry_id: string; amount: string }>(
        'SELECT entry_id, amount FROM overage_paid WHERE feature_id = ?',
        featureId,
      )
      .toArray()
      .map((r) => ({ entryId: r.entry_id, amount: r.amount }));
  }

  /** Adds `delta` (negative: given back) to what the entry paid toward overage; a row at zero goes. */
  addOveragePaid(featureId: string, entryId: string, delta: Decimal): void {
    const row = this.sql
      .exec<{ amount: string }>(
        'SELECT amount FROM overage_paid WHERE feature_id = ? AND entry_id = ?',
        featureId,
        entryId,
      )
      .toArray()[0];
    const amount = Decimal.max(0, new Decimal(row?.amount ?? '0').plus(delta));
    if (amount.isZero()) {
      this.sql.exec('DELETE FROM overage_paid WHERE feature_id = ? AND entry_id = ?', featureId, entryId);
    } else {
      this.sql.exec(
        'INSERT OR REPLACE INTO overage_paid (feature_id, entry_id, amount) VALUES (?, ?, ?)',
        featureId,
        entryId,
        amount.toFixed(),
      );
    }
  }

  saveValue(featureId: string, value: string, now: number): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO entitlement_values (feature_id, value, updated_at) VALUES (?, ?, ?)',
      featureId,
      value,
      now,
    );
  }

  values(): { featureId: string; value: string }[] {
    return this.sql
      .exec<{ feature_id: string; value: string }>(
        'SELECT feature_id, value FROM entitlement_values ORDER BY feature_id',
      )
      .toArray()
      .map((r) => ({ featureId: r.feature_id, value: r.value }));
  }
}

function toEntry(row: EntryRow): CreditEntry {
  return {
    id: row.id,
    featureId: row.feature_id,
    source: row.source,
    status: row.status,
    granted: row.granted,
    used: row.used,
    effectiveFrom: row.effective_from,
    effectiveUntil: row.effective_until,
    createdAt: row.created_at,
  };
}
