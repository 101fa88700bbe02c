import { predecessor, type DedupLayout, type ShardAddress } from '../../shared/idempotency/dedup-layout';
import type { EdgeEnv } from '../env';
import { shardStub, type ShardPlacement } from '../placement/tenant-shards';
import type { ClaimedId } from './claimed-ids';

/** Where a shard sits in its tenant's layout, as the caller routed by it. */
export interface ShardRoute extends ShardPlacement {
  address: ShardAddress;
}

/** What a predecessor chain answers: the ids it holds, and until when it holds any at all. */
export interface EarlierClaims {
  found: ({ id: string } & ClaimedId)[];
  /** When the chain's last id expires; null when it holds none. Final once the chain is sealed. */
  holdsIdsUntil: number | null;
}

/**
 * A DedupShard's place in a growing layout (shared/idempotency/dedup-layout.ts): whether a shard
 * of a newer generation has sealed it, and what its predecessor holds. Kept in the shard's own
 * SQLite beside its ids.
 */
export class ShardLineage {
  /**
   * sealedBy, as last read (undefined: not read since the last seal). Every claim asks; only this
   * object writes it, and seal() drops the copy, so a seal whose transaction rolls back is read again.
   */
  private sealed: DedupLayout | null | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Pick<EdgeEnv, 'DEDUP_SHARD' | 'EMULATE_JURISDICTIONS'>,
  ) {
    sql.exec('CREATE TABLE IF NOT EXISTS lineage (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  }

  /** The layout of the successor that sealed this shard; null while it takes claims. */
  sealedBy(): DedupLayout | null {
    if (this.sealed === undefined) {
      const value = this.get('sealed_by');
      this.sealed = value === undefined ? null : (JSON.parse(value) as DedupLayout);
    }
    return this.sealed;
  }

  /**
   * Call inside the transaction that answers the successor, so no claim slips in between. The
   * newest layout that reaches it is kept: a stale caller is sent to the newest generation.
   */
  seal(layout: DedupLayout): void {
    const sealed = this.sealedBy();
    if (sealed === null || layout.length > sealed.length) {
      this.set('sealed_by', JSON.stringify(layout));
      this.sealed = undefined;
    }
  }

  /**
   * The ids among `ids` that the shard's predecessor (and its own predecessors) hold, asked only
   * while they may hold any. With `seal`, the predecessors are sealed first — a claim needs that;
   * a read (claimedIds) does not.
   */
  async earlier(
    tenantId: string,
    route: ShardRoute | undefined,
    ids: string[],
    now: number,
    seal: boolean,
  ): Promise<EarlierClaims> {
    const before = route ? predecessor(route.layout, tenantId, route.address) : null;
    if (!before || ids.length === 0) {
      return { found: [], holdsIdsUntil: null };
    }
    const until = this.get(`predecessor_until:${before.name}`);
    if (until !== undefined && Number(until) <= now) {
      return { found: [], holdsIdsUntil: null };
    }
    const answer: EarlierClaims = await shardStub(this.env, route!, before.name).earlierClaims(
      tenantId,
      { ...route!, address: before },
      ids,
      seal,
    );
    // Sealed, the chain takes no new ids: when its last one expires, it need not be asked again.
    if (seal) {
      this.set(`predecessor_until:${before.name}`, String(answer.holdsIdsUntil ?? 0));
    }
    return answer;
  }

  private get(key: string): string | undefined {
    return this.sql.exec<{ value: string }>('SELECT value FROM lineage WHERE key = ?', key).toArray()[0]?.value;
  }

  private set(key: string, value: string): void {
    this.sql.exec('INSERT OR REPLACE INTO lineage (key, value) VALUES (?, ?)', key, value);
  }
}
