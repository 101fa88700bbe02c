import { describe, expect, it } from 'vitest';
import type { Feature } from './feature';
import { featureDebits } from './feature-debits';

function feature(
  id: string,
  schemaName: string,
  attributeName?: string,
  status: Feature['status'] = 'ACTIVE',
): Feature {
  return {
    id,
    name: id,
    displayName: id,
    status,
    createdAt: '',
    updatedAt: '',
    schemaAssociations: [{ schemaName, ...(attributeName ? { attributeName } : {}) }],
  };
}

describe('featureDebits', () => {
  const features = [
    feature('calls', 'api_call'),
    feature('tokens', 'api_call', 'tokens'),
    feature('other', 'storage', 'gb'),
    feature('old', 'api_call', undefined, 'ARCHIVED'),
  ];

  it('debits 1 for a count-style feature and the attribute value for the others, exactly', () => {
    const { lines, issues } = featureDebits({ schemaName: 'api_call', attributes: { tokens: '12.50' } }, features);
    expect(issues).toEqual([]);
    expect(lines).toEqual([
      { featureId: 'calls', amount: '1' },
      { featureId: 'tokens', amount: '12.5' },
    ]);
  });

  it('ignores features of other schemas and ARCHIVED ones', () => {
    expect(featureDebits({ schemaName: 'nothing', attributes: {} }, features)).toEqual({ lines: [], issues: [] });
  });

  it('names a missing or negative attribute as an issue and leaves its line out', () => {
    const missing = featureDebits({ schemaName: 'api_call', attributes: {} }, features, 'event');
    expect(missing.lines).toEqual([{ featureId: 'calls', amount: '1' }]);
    expect(missing.issues).toEqual([
      { path: 'event.attributes', message: "feature 'tokens' consumes attribute 'tokens', which the event lacks" },
    ]);
    const negative = featureDebits({ schemaName: 'api_call', attributes: { tokens: '-1' } }, features);
    expect(negative.issues[0]?.message).toContain('negative');
  });
});
