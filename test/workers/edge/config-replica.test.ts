import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import {
  REPLICA_FRESH_MS,
  REPLICA_MISS_FRESH_MS,
  REPLICA_REFRESH_AHEAD_MS,
  REPLICA_REFRESH_WAIT_MS,
  MAX_UNKNOWN_KEY_LOOKUPS_PER_S,
  type ConfigReplica,
} from '../../../edge/config/config-replica';
import type { Principal } from '../../../shared/auth/api-key';

const acme: Principal = { tenantId: 'acme', keyId: 'key_1', scopes: ['ingest'] };

/** The rater as the replica sees it: answers from `answers`, or fails while `down` is set. */
function rater() {
  const state = { calls: 0, down: false, hang: false, answers: new Map<string, Principal | null>() };
  const binding = {
    async resolveApiKey(hash: string) {
      state.calls++;
      if (state.down) {
        throw new Error('Postgres is down');
      }
      if (state.hang) {
        return new Promise<never>(() => {});
      }
      return state.answers.get(hash) ?? null;
    },
  };
  return { state, binding };
}

async function replicaWith(fake: ReturnType<typeof rater>, start = 1_000_000) {
  const stub = env.CONFIG_REPLICA.get(env.CONFIG_REPLICA.idFromName(`test:${crypto.randomUUID()}`));
  const clock = { now: start };
  await runInDurableObject(stub, (instance) => {
    const replica = instance as unknown as ConfigReplica;
    (replica as unknown as { env: object }).env = { ...env, RATER: fake.binding };
    replica.clock = () => clock.now;
  });
  return { stub, clock };
}

describe('ConfigReplica', () => {
  it('reads through to the rater once, then serves its copy until it is stale', async () => {
    const fake = rater();
    fake.state.answers.set('h1', acme);
    const { stub, clock } = await replicaWith(fake);
    expect((await stub.principal('h1')).principal).toEqual(acme);
    expect((await stub.principal('h1')).principal).toEqual(acme);
    expect(fake.state.calls).toBe(1);

    clock.now += REPLICA_FRESH_MS + 1;
    fake.state.answers.set('h1', null); // revoked meanwhile
    expect((await stub.principal('h1')).principal).toBeNull();
    expect(fake.state.calls).toBe(2);
  });

  it('refreshes an entry nearing staleness in the background, serving the stored answer meanwhile', async () => {
    const fake = rater();
    fake.state.answers.set('h1', acme);
    const { stub, clock } = await replicaWith(fake);
    await stub.principal('h1');

    clock.now += REPLICA_REFRESH_AHEAD_MS;
    fake.state.answers.set('h1', null); // revoked meanwhile
    expect((await stub.principal('h1')).principal).toEqual(acme); // not yet stale: served at once
    await vi.waitFor(() => expect(fake.state.calls).toBe(2));
    // Refreshed: the revocation is seen no later than REPLICA_FRESH_MS after the first read.
    clock.now += REPLICA_FRESH_MS - REPLICA_REFRESH_AHEAD_MS;
    expect((await stub.principal('h1')).principal).toBeNull();
  });

  it('serves the last answer when the rater is too slow to refresh a stale entry, as when it is down', async () => {
    const fake = rater();
    fake.state.answers.set('h1', acme);
    const { stub, clock } = await replicaWith(fake);
    await stub.principal('h1');

    fake.state.hang = true;
    clock.now += REPLICA_FRESH_MS + 1;
    const started = Date.now();
    expect((await stub.principal('h1')).principal).toEqual(acme);
    expect(Date.now() - started).toBeGreaterThanOrEqual(REPLICA_REFRESH_WAIT_MS - 50);
  });

  it('keeps serving the last answer while the rater is down, and fails only what it never saw', async () => {
    const fake = rater();
    fake.state.answers.set('known', acme);
    const { stub, clock } = await replicaWith(fake);
    await stub.principal('known');

    fake.state.down = true;
    clock.now += REPLICA_FRESH_MS * 10;
    expect((await stub.principal('known')).principal).toEqual(acme);
    const neverSeen = await stub.principal('never-seen').then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(neverSeen).toMatch(/Postgres is down/);
  });

  it('re-checks a miss sooner than a hit, so a key created a moment ago works quickly', async () => {
    const fake = rater();
    const { stub, clock } = await replicaWith(fake);
    expect((await stub.principal('new')).principal).toBeNull();
    fake.state.answers.set('new', acme);
    clock.now += REPLICA_MISS_FRESH_MS + 1;
    expect((await stub.principal('new')).principal).toEqual(acme);
  });

  it('forgets everything when configuration changes', async () => {
    const fake = rater();
    fake.state.answers.set('h', acme);
    const { stub } = await replicaWith(fake);
    await stub.principal('h');
    await stub.forgetAll();
    await stub.principal('h');
    expect(fake.state.calls).toBe(2);
  });

  it('asks the rater once for a burst of concurrent reads', async () => {
    const fake = rater();
    fake.state.answers.set('hot', acme);
    const { stub } = await replicaWith(fake);
    const results = await Promise.all(Array.from({ length: 25 }, () => stub.principal('hot')));
    expect(results.every((r) => r.principal?.tenantId === 'acme')).toBe(true);
    expect(fake.state.calls).toBe(1);
  });

  it('answers guessed keys without storing anything, and looks up at most 50 unknown keys a second', async () => {
    const fake = rater();
    fake.state.answers.set('real', acme);
    const { stub, clock } = await replicaWith(fake);
    expect((await stub.principal('real')).principal).toEqual(acme);
    const guesses = await Promise.all(Array.from({ length: 2000 }, (_, i) => stub.principal(`guess-${i}`)));
    expect(guesses.filter((g) => g.throttled)).toHaveLength(2000 - MAX_UNKNOWN_KEY_LOOKUPS_PER_S + 1);
    expect(guesses.every((g) => g.principal === null)).toBe(true);
    expect(fake.state.calls).toBe(MAX_UNKNOWN_KEY_LOOKUPS_PER_S);
    expect(await stub.storedEntries()).toBe(1); // the real key's; misses live in memory only
    // A known key is never throttled, and the next second brings new lookups.
    expect(await stub.principal('real')).toEqual({ principal: acme, throttled: false });
    clock.now += 1000;
    expect(await stub.principal('guess-1999')).toEqual({ principal: null, throttled: false });
  });
});
