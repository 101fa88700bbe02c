import { describe, expect, it } from 'vitest';
import { jurisdictions } from '../tenant/placement';
import { parseQueueName, queueName, type QueueAddress } from './queue-names';

describe('queue names', () => {
  const every: QueueAddress[] = (['events', 'ledger'] as const).flatMap((kind) =>
    [null, ...jurisdictions].flatMap((jurisdiction) =>
      [false, true].map((deadLetter) => ({ kind, jurisdiction, deadLetter })),
    ),
  );

  it('reads back every queue it names, dead-letter queues without a jurisdiction included', () => {
    expect(every).toHaveLength(12);
    for (const address of every) {
      expect(parseQueueName(queueName(address))).toEqual(address);
    }
    expect(parseQueueName('meterline-ledger-dlq')).toEqual({ kind: 'ledger', jurisdiction: null, deadLetter: true });
    expect(parseQueueName('meterline-events-eu-dlq')).toEqual({ kind: 'events', jurisdiction: 'eu', deadLetter: true });
  });

  it('knows no other queue', () => {
    for (const name of [
      'meterline-events-us',
      'meterline-events-dlq-eu',
      'meterline-invoices',
      'events',
      'meterline-ledger-',
    ]) {
      expect(parseQueueName(name)).toBeNull();
    }
  });
});
