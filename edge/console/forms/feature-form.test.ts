import { describe, expect, it } from 'vitest';
import { createFeatureRequest } from '../../../shared/entitlement/feature';
import { featureFields, featureRequest } from './feature-form';

describe('featureRequest', () => {
  it('consumes by an attribute, or 1 per event when none is given, and drops blank rows', () => {
    const body = featureRequest({
      name: ' api_calls ',
      billableName: '',
      schemaName: ['api_call', '', 'upload'],
      attributeName: ['', 'x', 'bytes'],
    });
    expect(body).toEqual({
      name: 'api_calls',
      schemaAssociations: [{ schemaName: 'api_call' }, { schemaName: 'upload', attributeName: 'bytes' }],
    });
    expect(createFeatureRequest.safeParse(body).success).toBe(true);
  });

  it("gives back a feature's associations from its own fields", () => {
    const fields = featureFields({
      id: 'feat.1',
      name: 'calls',
      displayName: 'Calls',
      status: 'ACTIVE',
      createdAt: 'x',
      updatedAt: 'x',
      schemaAssociations: [
        { schemaName: 'api_call', attributeName: '' },
        { schemaName: 'upload', attributeName: 'bytes' },
      ],
    });
    expect(featureRequest(fields)).toEqual({
      name: 'calls',
      schemaAssociations: [{ schemaName: 'api_call' }, { schemaName: 'upload', attributeName: 'bytes' }],
    });
  });
});
