import { describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '../event/accepted-event';
import { splitByAccount } from './account-not-found';

const event = (id: string, accountId: string): AcceptedEvent => ({
  id,
  schemaName: 's',
  schemaVersion: 1,
  timestamp: '2026-12-01T00:00:00.000Z',
  accountId,
  attributes: {},
  units: {},
  dimensions: {},
  acceptedAt: '2026-12-01T00:00:00.000Z',
});

describe('splitByAccount', () => {
  const batch = [event('1', 'acme'), event('2', 'ghost'), event('3', 'acme')];

  it('meters every event under METER, known account or not', () => {
    expect(splitByAccount(batch, 'METER', new Set())).toEqual({ meter: batch, notFound: [] });
  });

  it('fails events of unknown accounts under FAIL, as received, and meters the rest', () => {
    const { meter, notFound } = splitByAccount(batch, 'FAIL', new Set(['acme']));
    expect(meter.map((e) => e.id)).toEqual(['1', '3']);
    expect(notFound).toEqual([
      {
        event: batch[1],
        status: 'ACCOUNT_NOT_FOUND',
        contributions: [],
        detail: { reason: "no account 'ghost'", debitOwed: true },
      },
    ]);
  });

  it.each<{ name: string; owesDebits: boolean; debitedAtEdge?: true; debitOwed: boolean }>([
    { name: 'owed and not debited at the edge', owesDebits: true, debitOwed: true },
    { name: 'debited at the edge', owesDebits: true, debitedAtEdge: true, debitOwed: false },
    { name: 'not owed (a replayed FAILED event, its debit already queued)', owesDebits: false, debitOwed: false },
    { name: 'not owed and debited at the edge', owesDebits: false, debitedAtEdge: true, debitOwed: false },
  ])('records whether the debit is still owed: $name', ({ owesDebits, debitedAtEdge, debitOwed }) => {
    const ghost: AcceptedEvent = { ...event('g', 'ghost'), debitedAtEdge };
    const { notFound } = splitByAccount([ghost], 'FAIL', new Set(), { owesDebits });
    expect(notFound[0]!.detail).toEqual({ reason: "no account 'ghost'", debitOwed });
  });
});
