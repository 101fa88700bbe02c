/**
 * A small per-isolate cache with a time bound. Workers isolates are short-lived and many, so this
 * bounds staleness, not consistency: every entry is re-read from its source once its time is up.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    /** How long a loaded value may be served; may depend on the value (e.g. shorter for a miss). */
    private readonly ttlFor: (value: V) => number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.clock()) {
      return hit.value;
    }
    const value = await load();
    if (this.entries.size >= this.maxEntries) {
      this.entries.clear();
    }
    this.entries.set(key, { value, expires: this.clock() + this.ttlFor(value) });
    return value;
  }

  deleteWhere(predicate: (key: string, value: V) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (predicate(key, entry.value)) {
        this.entries.delete(key);
      }
    }
  }
}
