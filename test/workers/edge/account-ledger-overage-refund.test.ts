import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AccountLedger } from '../../../edge/ledger/account-ledger';
import { ledgerFor, unwrap } from '../../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';

/**
 * A hold's overage that a later grant paid, then given back (released or expired): the credits go
 * back to that grant — not to an entry that has expired meanwhile, where they would be lost.
 */
const FEATURE = 'feat.tokens';
/** Ahead of the real clock: the alarms the ledger sets run only when a test runs them. */
const T0 = Date.now() + 30 * 86_400_000;
const HOUR = 3_600_000;
type Ledger = DurableObjectStub<AccountLedger>;

const setClock = (ledger: Ledger, at: number) =>
  runInDurableObject(ledger, (instance) => void ((instance as unknown as AccountLedger).clock = () => at));

describe('AccountLedger: refunded overage that a later grant paid', () => {
  it.each(['released', 'expired'] as const)(
    'goes back to the grant that paid it when the hold is %s',
    async (ending) => {
      const owner = { tenantId: `overage-refund-${crypto.randomUUID()}`, accountId: 'acct' };
      const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
      await setClock(ledger, T0);
      // E1: 10 credits, all used, expiring at T0+1h; the feature may go 100 into overage.
      unwrap(
        await ledger.grant(owner, FEATURE, {
          id: 'E1',
          granted: '10',
          source: 'ENTITLEMENT',
          effectiveFrom: new Date(T0 - HOUR).toISOString(),
          effectiveUntil: new Date(T0 + HOUR).toISOString(),
        }),
      );
      await ledger.consume(owner, [{ eventId: 'used-up', at: T0, lines: [{ featureId: FEATURE, amount: '10' }] }]);
      await ledger.setOverageLimit(owner, FEATURE, '100');
      // At T0 a hold of 20, all of it overage.
      expect(
        await ledger.reserve(owner, { key: 'r', featureId: FEATURE, amount: '20', ttlMs: 2 * HOUR }),
      ).toMatchObject({
        status: 'HELD',
        balances: [{ balance: '-20', usedOverage: '20' }],
      });
      // At T0+30m grant G of 50 arrives and pays the overage.
      await setClock(ledger, T0 + HOUR / 2);
      unwrap(await ledger.grant(owner, FEATURE, { id: 'G', granted: '50', source: 'ENTITLEMENT' }));
      expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '30', usedOverage: '0' });

      // Around T0+2h (E1 expired an hour before) the hold ends: all 50 of G are available again.
      await setClock(ledger, ending === 'released' ? T0 + 2 * HOUR - 1 : T0 + 2 * HOUR);
      if (ending === 'released') {
        expect(await ledger.releaseReservation(owner, 'r')).toMatchObject({
          status: 'OK',
          reservation: { status: 'RELEASED' },
        });
      } else {
        await runDurableObjectAlarm(ledger);
        expect(await ledger.heldReservationCount()).toBe(0);
      }
      expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '50', balance: '50', usedOverage: '0' });
      const entries = await ledger.listEntries(FEATURE, undefined, 10);
      expect(entries.map((e) => ({ id: e.id, status: e.status, used: e.used }))).toEqual([
        { id: 'E1', status: 'EXPIRED', used: '10' },
        { id: 'G', status: 'ACTIVE', used: '0' },
      ]);
    },
  );
});
