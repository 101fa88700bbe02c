import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AccountLedger } from '../../../edge/ledger/account-ledger';
import { BALANCE_ALERTS_TTL_MS, type BalanceAlertsRater } from '../../../edge/ledger/balance-alerts';
import { ledgerFor, unwrap, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import type { BalanceCrossing, WatchedBalanceAlert } from '../../../shared/alert/balance-crossings';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';

/**
 * Balance alerts in the AccountLedger: a debit that makes a watched balance fall through a
 * threshold writes the crossing in its own transaction; the alarm sends it to the rater until the
 * rater has taken it — the same crossing under the same key, across restarts and lost answers.
 */
const FEATURE = 'feat.tokens';
/** Ahead of the real clock: no alarm the ledger sets runs unless a test runs it. */
const T0 = Date.now() + 30 * 86_400_000;
const DAY = 86_400_000;
type Ledger = DurableObjectStub<AccountLedger>;

/** The rater as the ledger sees it: the alerts it answers, and every send of crossings it got. */
class RaterDouble implements BalanceAlertsRater {
  alerts: WatchedBalanceAlert[] = [];
  sends: BalanceCrossing[][] = [];
  reads = 0;
  /**
   * 'down': every call fails; 'lose-answer': the next send arrives but its answer is lost;
   * 'hang': a read of the alerts never answers (a Postgres that has stopped responding).
   */
  mode: 'up' | 'down' | 'lose-answer' | 'hang' = 'up';

  async balanceAlerts(): Promise<WatchedBalanceAlert[]> {
    if (this.mode === 'down') {
      throw new Error('database unavailable');
    }
    if (this.mode === 'hang') {
      return new Promise(() => {});
    }
    this.reads++;
    return this.alerts;
  }

  async recordBalanceCrossings(_tenantId: string, crossings: BalanceCrossing[]): Promise<number> {
    if (this.mode === 'down') {
      throw new Error('database unavailable');
    }
    this.sends.push(crossings);
    if (this.mode === 'lose-answer') {
      this.mode = 'up';
      throw new Error('connection reset');
    }
    return crossings.length;
  }

  /** Every crossing received, as "alert#index before→after key". */
  received(): string[] {
    return this.sends.flat().map((c) => `${c.alertId}#${c.thresholdIndex} ${c.before}→${c.after} ${c.key}`);
  }
}

let accounts = 0;
async function account(alerts: WatchedBalanceAlert[]) {
  const owner = { tenantId: 'balance-alerts', accountId: `acct-${++accounts}-${crypto.randomUUID()}` };
  const rater = new RaterDouble();
  rater.alerts = alerts;
  const ledger = await attach(ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT), rater, T0);
  return { owner, ledger, rater };
}

/** Sets the ledger's clock and puts the double behind its rater binding (lost at each restart, like the instance). */
function attach(ledger: Ledger, rater: RaterDouble, at: number): Promise<Ledger> {
  return runInDurableObject(ledger, (instance) => {
    const target = instance as unknown as { clock: () => number; env: object };
    target.clock = () => at;
    target.env = { ...target.env, RATER: rater };
    return ledger;
  });
}

async function restart(owner: LedgerOwner, rater: RaterDouble, at = T0): Promise<Ledger> {
  await abortAllDurableObjects();
  return attach(ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT), rater, at);
}

async function grant(ledger: Ledger, owner: LedgerOwner, id: string, granted: string) {
  unwrap(
    await ledger.grant(owner, FEATURE, {
      id,
      granted,
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(T0 - DAY).toISOString(),
    }),
  );
}

const lines = (amount: string) => [{ featureId: FEATURE, amount }];
const entitle = async (ledger: Ledger, owner: LedgerOwner, eventId: string, amount: string) =>
  (await ledger.entitle(owner, { eventId, lines: lines(amount) })).status;
const low = (...thresholds: string[]): WatchedBalanceAlert => ({
  alertId: 'alert.low',
  version: 1,
  featureId: FEATURE,
  thresholds,
});

describe('AccountLedger balance alerts', () => {
  it('records each threshold once, from the /entitled debit that made the balance fall through it', async () => {
    const { owner, ledger, rater } = await account([low('50', '10'), { ...low('1'), featureId: 'feat.other' }]);
    await grant(ledger, owner, 'g', '100');
    expect(await entitle(ledger, owner, 'e1', '30')).toBe('ENTITLED'); // 70
    expect(await entitle(ledger, owner, 'e2', '25')).toBe('ENTITLED'); // 45: through 50
    expect(await entitle(ledger, owner, 'e3', '5')).toBe('ENTITLED'); // 40
    expect(await entitle(ledger, owner, 'e2', '25')).toBe('ALREADY_DEBITED');
    expect(await entitle(ledger, owner, 'e4', '41')).toBe('DENIED');
    expect(await entitle(ledger, owner, 'e5', '40')).toBe('ENTITLED'); // 0: through 10
    expect(await ledger.unsentBalanceCrossings()).toBe(2);
    expect(rater.sends).toEqual([]);

    expect(await runDurableObjectAlarm(ledger)).toBe(true);
    const id = ledger.id.toString();
    expect(rater.received()).toEqual([`alert.low#0 70→45 ${id}:1`, `alert.low#1 40→0 ${id}:2`]);
    expect(rater.sends[0]?.[0]).toMatchObject({
      accountId: owner.accountId,
      featureId: FEATURE,
      threshold: '50',
      at: T0,
    });
    expect(await ledger.unsentBalanceCrossings()).toBe(0);
    await runDurableObjectAlarm(ledger);
    expect(rater.sends).toHaveLength(1);
  });

  it('re-arms a threshold when a refund or a grant lifts the balance back above it', async () => {
    const { owner, ledger, rater } = await account([low('50')]);
    await grant(ledger, owner, 'g', '100');
    const at = T0 - 3_600_000;
    await ledger.consume(owner, [{ eventId: 'm1', at, lines: lines('60') }]); // 40: through 50
    await ledger.consume(owner, [{ eventId: 'm2', at, lines: lines('5') }]); // 35
    await ledger.correct(owner, [{ eventId: 'm1', seq: 1, effect: 'REFUND', at, lines: lines('60') }]); // 95
    await ledger.consume(owner, [{ eventId: 'm3', at, lines: lines('50') }]); // 45: through 50 again
    await grant(ledger, owner, 'top-up', '20'); // 65
    await ledger.consume(owner, [{ eventId: 'm4', at, lines: lines('15') }]); // 50: at it is through it
    await runDurableObjectAlarm(ledger);
    expect(rater.received().map((r) => r.split(' ').slice(0, 2).join(' '))).toEqual([
      'alert.low#0 100→40',
      'alert.low#0 95→45',
      'alert.low#0 65→50',
    ]);
  });

  it('keeps a crossing across a restart between the debit and its sending, and sends it once', async () => {
    const { owner, ledger, rater } = await account([low('50')]);
    await grant(ledger, owner, 'g', '100');
    expect(await entitle(ledger, owner, 'e1', '60')).toBe('ENTITLED');
    const restarted = await restart(owner, rater);
    expect(await restarted.unsentBalanceCrossings()).toBe(1);
    expect(await runDurableObjectAlarm(restarted)).toBe(true);
    expect(rater.received()).toEqual([`alert.low#0 100→40 ${restarted.id.toString()}:1`]);
    await restart(owner, rater);
    await runDurableObjectAlarm(ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT));
    expect(rater.sends).toHaveLength(1);
  });

  it('sends again, under the same key, a crossing whose answer was lost; a later crossing never reuses a key', async () => {
    const { owner, ledger, rater } = await account([low('50', '20')]);
    await grant(ledger, owner, 'g', '100');
    await entitle(ledger, owner, 'e1', '60');
    rater.mode = 'lose-answer';
    await runDurableObjectAlarm(ledger);
    expect(await ledger.unsentBalanceCrossings()).toBe(1);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.unsentBalanceCrossings()).toBe(0);
    const [first, resent] = rater.sends.flat();
    expect(resent).toEqual(first);
    // Sequences go on after the outbox emptied, and after a restart: a new crossing is a new incident.
    const restarted = await restart(owner, rater);
    await entitle(restarted, owner, 'e2', '25');
    await runDurableObjectAlarm(restarted);
    expect(rater.sends.flat().map((c) => c.key)).toEqual([first?.key, first?.key, `${restarted.id.toString()}:2`]);
  });

  it('debits on while the rater is down, and keeps what crossed for when it is back', async () => {
    const { owner, ledger, rater } = await account([low('50')]);
    await grant(ledger, owner, 'g', '100');
    await entitle(ledger, owner, 'warm', '1'); // reads the alerts: 99
    rater.mode = 'down';
    await attach(ledger, rater, T0 + BALANCE_ALERTS_TTL_MS); // the copy is old: the read fails
    expect(await entitle(ledger, owner, 'e1', '60')).toBe('ENTITLED'); // 39: judged against the copy kept
    await runDurableObjectAlarm(ledger);
    expect(await ledger.unsentBalanceCrossings()).toBe(1);
    rater.mode = 'up';
    await runDurableObjectAlarm(ledger);
    expect(rater.received().map((r) => r.split(' ')[1])).toEqual(['99→39']);
  });

  it('reads the alerts again once its copy is older than the TTL, and not before', async () => {
    const { owner, ledger, rater } = await account([]);
    await grant(ledger, owner, 'g', '100');
    await entitle(ledger, owner, 'e1', '10'); // 90; reads: no alert
    rater.alerts = [low('80', '60')];
    await entitle(ledger, owner, 'e2', '15'); // 75: the copy, not yet old, has no alert
    expect(rater.reads).toBe(1);
    await attach(ledger, rater, T0 + BALANCE_ALERTS_TTL_MS);
    await entitle(ledger, owner, 'e3', '15'); // 60: through 60
    expect(rater.reads).toBe(2);
    await runDurableObjectAlarm(ledger);
    expect(rater.received().map((r) => r.split(' ').slice(0, 2).join(' '))).toEqual(['alert.low#1 75→60']);
  });

  it('reads the alerts once for debits racing on a cold copy, and all of them are judged against it', async () => {
    const { owner, ledger, rater } = await account([low('10')]);
    await grant(ledger, owner, 'g', '100');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => entitle(ledger, owner, `race-${i}`, '5')));
    expect(answers.every((a) => a === 'ENTITLED')).toBe(true);
    expect(rater.reads).toBe(1);
    await runDurableObjectAlarm(ledger);
    expect(rater.received().map((r) => r.split(' ')[1])).toEqual(['15→10']);
  });

  it('debits on with the copy kept when the read of the alerts does not answer', async () => {
    const { owner, ledger, rater } = await account([low('50')]);
    await grant(ledger, owner, 'g', '100');
    await entitle(ledger, owner, 'warm', '1'); // reads the alerts: 99
    rater.mode = 'hang';
    await attach(ledger, rater, T0 + BALANCE_ALERTS_TTL_MS); // the copy is old: the read hangs
    expect(await entitle(ledger, owner, 'e1', '60')).toBe('ENTITLED'); // 39: judged against the copy kept
    await attach(ledger, rater, T0 + BALANCE_ALERTS_TTL_MS + 5_000);
    expect(await entitle(ledger, owner, 'e2', '1')).toBe('ENTITLED'); // the read, still in flight, began 5 s ago
    await runDurableObjectAlarm(ledger);
    expect(rater.received().map((r) => r.split(' ')[1])).toEqual(['99→39']);
  });

  it('reads the alerts before a void on a ledger that never debited, and fires when the balance falls through', async () => {
    const { owner, ledger, rater } = await account([low('50')]);
    await grant(ledger, owner, 'base', '40');
    await grant(ledger, owner, 'bonus', '30'); // 70; no debit yet: no copy of the alerts
    unwrap(await ledger.voidEntry(FEATURE, 'bonus')); // 40
    expect(rater.reads).toBe(1);
    await runDurableObjectAlarm(ledger);
    expect(rater.received().map((r) => r.split(' ')[1])).toEqual(['70→40']);
  });

  it('fires when a voided grant makes the balance fall through a threshold', async () => {
    const { owner, ledger, rater } = await account([low('50')]);
    await grant(ledger, owner, 'base', '40');
    await grant(ledger, owner, 'bonus', '30');
    await entitle(ledger, owner, 'e1', '5'); // 65; reads the alerts
    unwrap(await ledger.voidEntry(FEATURE, 'bonus')); // what is left of bonus is gone: 35
    await runDurableObjectAlarm(ledger);
    const after = (await ledger.credits(owner, FEATURE)).balance;
    expect(rater.received().map((r) => r.split(' ')[1])).toEqual([`65→${after}`]);
  });
});
