import { describe, expect, it } from 'vitest';
import type { EventWithStatus } from '../../../shared/api/event-routes';
import { eventCorrectionRequest } from '../../../shared/api/event-correction-routes';
import { problemText } from '../console-api';
import { correctionFieldLabel, correctionFields, redoEventRequest } from './correction-form';

const event = {
  eventPayload: {
    id: 'req-1',
    schemaName: 'calls',
    timestamp: '2026-11-23T10:15:00.000Z',
    accountId: 'acme',
    attributes: [
      { name: 'bytes', value: '10', unit: 'B' },
      { name: 'calls', value: '1' },
    ],
    dimensions: { region: 'eu', 'plan.tier': 'gold' },
  },
} as unknown as EventWithStatus;

describe('redoEventRequest', () => {
  it("gives back the event's own payload from its fields, under its id", () => {
    const body = redoEventRequest('req-1', correctionFields(event));
    expect(body).toEqual({ event: event.eventPayload });
    expect(eventCorrectionRequest.safeParse(body).success).toBe(true);
  });

  it('replaces values, drops blank rows, and keeps a half-filled row for the API to name', () => {
    const body = redoEventRequest('req-1', {
      schemaName: 'calls',
      timestamp: ' 2026-11-23T10:15:00Z ',
      accountId: 'globex',
      attributeName: ['bytes', '', 'calls'],
      attributeValue: ['25', '', ''],
      attributeUnit: ['', '', ''],
      dimensionName: ['region', ''],
      dimensionValue: ['us', 'stray'],
    });
    expect(body).toEqual({
      event: {
        id: 'req-1',
        schemaName: 'calls',
        timestamp: '2026-11-23T10:15:00Z',
        accountId: 'globex',
        attributes: [
          { name: 'bytes', value: '25' },
          { name: 'calls', value: '' },
        ],
        dimensions: { region: 'us' },
      },
    });
    const parsed = eventCorrectionRequest.safeParse(body);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['event.attributes.1.value']);
  });
});

describe('correctionFieldLabel', () => {
  it.each([
    ['event.attributes.1.value', 'Attribute 2 value'],
    ['event.attributes.0', 'Attribute 1'],
    ['event.dimensions.plan.tier', 'Dimension plan.tier'],
    ['event.timestamp', 'Time (ISO 8601)'],
    ['event.accountId', 'Account'],
    ['event.id', undefined],
    ['action', undefined],
  ])('%s → %s', (path, label) => {
    expect(correctionFieldLabel(path)).toBe(label);
  });

  it("names the field in a refusal by the form's label and the API's path", () => {
    const answer = {
      status: 422,
      ok: false,
      body: { detail: 'Invalid event', errors: [{ path: 'event.attributes.0.value', message: 'must be a decimal' }] },
    };
    expect(problemText(answer, correctionFieldLabel)).toEqual({
      title: 'Invalid event',
      fields: ['Attribute 1 value (event.attributes.0.value): must be a decimal'],
    });
  });
});
