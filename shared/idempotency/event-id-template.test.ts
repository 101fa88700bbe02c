import { describe, expect, it } from 'vitest';
import { checkEventIdTemplate, renderEventId } from './event-id-template';

const event = {
  accountId: 'acme',
  schemaName: 'payment',
  timestamp: '2026-02-01T10:00:00.000Z',
  attributes: { transaction_amount: '12.5' },
  dimensions: { request_id: 'r-77', 'payment mode': 'card' },
};
const fields = {
  attributes: ['transaction_amount', 'constructor'],
  dimensions: ['request_id', 'payment mode', 'country'],
};

describe('renderEventId', () => {
  it.each([
    ['{{accountId}}:{{dimensions.request_id}}', 'acme:r-77'],
    ['{{ accountId }}/{{schemaName}}/{{timestamp}}', 'acme/payment/2026-02-01T10:00:00.000Z'],
    ['amt-{{attributes.transaction_amount}}', 'amt-12.5'],
    ['{{dimensions.payment mode}}', 'card'],
    ['{{accountId}}{{accountId}}', 'acmeacme'],
    ['no placeholder', 'no placeholder'],
  ])('%s → %s', (template, id) => {
    expect(renderEventId(template, event)).toEqual({ id });
  });

  it.each([
    ['{{accountId}}:{{dimensions.country}}', 'dimensions.country'],
    ['{{attributes.refund}}-{{dimensions.country}}', 'attributes.refund'],
    ['{{customer}}', 'customer'],
    ['{{attributes.constructor}}', 'attributes.constructor'],
    ['{{dimensions.toString}}', 'dimensions.toString'],
  ])('%s names the first missing field, %s', (template, missing) => {
    expect(renderEventId(template, event)).toEqual({ missing });
  });
});

describe('checkEventIdTemplate', () => {
  it.each([
    '{{accountId}}:{{dimensions.request_id}}',
    '{{schemaName}}-{{timestamp}}-{{attributes.transaction_amount}}',
    '{{ dimensions.payment mode }}',
  ])('accepts %s', (template) => {
    expect(checkEventIdTemplate(template, fields)).toEqual([]);
  });

  it.each([
    ['no placeholder', 'fixed-id', ['must contain at least one {{placeholder}}']],
    ['an unclosed placeholder', '{{accountId', ['must contain at least one {{placeholder}}']],
    [
      'an unknown attribute',
      '{{attributes.refund}}',
      ['placeholder {{attributes.refund}} names no field of this schema'],
    ],
    [
      'a dimension read as an attribute',
      '{{attributes.request_id}}',
      ['placeholder {{attributes.request_id}} names no field of this schema'],
    ],
    [
      'an unknown top-level field',
      '{{accountId}}:{{customer}}',
      ['placeholder {{customer}} names no field of this schema'],
    ],
    ['a bare kind', '{{dimensions}}', ['placeholder {{dimensions}} names no field of this schema']],
    [
      'two unknown fields',
      '{{id}}-{{dimensions.colour}}',
      [
        'placeholder {{id}} names no field of this schema',
        'placeholder {{dimensions.colour}} names no field of this schema',
      ],
    ],
  ])('refuses %s', (_, template, messages) => {
    expect(checkEventIdTemplate(template, fields, 'eventIdTemplate')).toEqual(
      messages.map((message) => ({ path: 'eventIdTemplate', message })),
    );
  });
});
