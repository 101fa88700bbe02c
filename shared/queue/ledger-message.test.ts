import { describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '../event/accepted-event';
import type { Feature } from '../entitlement/feature';
import { eventDebits, ledgerDebitMessages, ledgerDebitMessageSchema } from './ledger-message';

const calls: Feature = {
  id: 'feat.calls',
  name: 'calls',
  displayName: 'calls',
  status: 'ACTIVE',
  createdAt: '',
  updatedAt: '',
  schemaAssociations: [{ schemaName: 'api_call' }],
};

function event(id: string, accountId: string, schemaName = 'api_call'): AcceptedEvent {
  return {
    id,
    schemaName,
    schemaVersion: 1,
    timestamp: '2026-11-23T10:00:00.000Z',
    accountId,
    attributes: {},
    units: {},
    dimensions: {},
    acceptedAt: '2026-11-23T10:00:01.000Z',
  };
}

describe('ledgerDebitMessages', () => {
  it('groups debits by account and leaves out events that consume nothing', () => {
    const messages = ledgerDebitMessages(
      't',
      eventDebits([event('1', 'a'), event('2', 'b'), event('3', 'a'), event('4', 'a', 'other')], [calls]),
    );
    expect(messages).toEqual([
      {
        kind: 'debits',
        tenantId: 't',
        accountId: 'a',
        debits: [
          { eventId: '1', at: Date.parse('2026-11-23T10:00:00Z'), lines: [{ featureId: 'feat.calls', amount: '1' }] },
          { eventId: '3', at: Date.parse('2026-11-23T10:00:00Z'), lines: [{ featureId: 'feat.calls', amount: '1' }] },
        ],
      },
      {
        kind: 'debits',
        tenantId: 't',
        accountId: 'b',
        debits: [
          { eventId: '2', at: Date.parse('2026-11-23T10:00:00Z'), lines: [{ featureId: 'feat.calls', amount: '1' }] },
        ],
      },
    ]);
    for (const m of messages) {
      expect(ledgerDebitMessageSchema.parse(m)).toEqual(m);
    }
  });

  it("splits one account's debits into messages under the queue limit", () => {
    const events = Array.from({ length: 3000 }, (_, i) => event(`event-${i}-${'x'.repeat(40)}`, 'a'));
    const messages = ledgerDebitMessages('t', eventDebits(events, [calls]));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.flatMap((m) => m.debits).map((d) => d.eventId)).toEqual(events.map((e) => e.id));
    for (const m of messages) {
      expect(JSON.stringify(m).length).toBeLessThan(128 * 1024);
    }
  });

  it('sends nothing when the tenant has no features', () => {
    expect(eventDebits([event('1', 'a')], [])).toEqual([]);
    expect(ledgerDebitMessages('t', [])).toEqual([]);
  });
});
