import { describe, expect, it } from 'vitest';
import type { EventSchema } from '../event-schema/event-schema';
import { checkSchemaAssociations } from './check-schema-associations';
import type { SchemaAssociation } from './feature';

function schema(name: string, status: EventSchema['status'] = 'ACTIVE'): EventSchema {
  return {
    name,
    status,
    version: 2,
    attributes: [{ name: 'bytes' }],
    dimensions: [{ name: 'region' }],
    enrichments: {
      fields: [
        {
          name: 'kilobytes',
          type: 'ATTRIBUTE',
          enrichmentType: 'JSON_LOGIC',
          value: '{"/":[{"var":"attributes.bytes"},1000]}',
          order: 1,
        },
        { name: 'zone', type: 'DIMENSION', enrichmentType: 'VALUE', value: 'eu', order: 2 },
      ],
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const schemas = new Map([
  ['calls', schema('calls')],
  ['drafted', schema('drafted', 'DRAFT')],
  ['paused', schema('paused', 'INACTIVE')],
  ['gone', schema('gone', 'ARCHIVED')],
]);

describe('checking a feature against its event schemas', () => {
  it.each<[string, SchemaAssociation[]]>([
    ['a count of an ACTIVE schema', [{ schemaName: 'calls' }]],
    ['an attribute the schema declares', [{ schemaName: 'calls', attributeName: 'bytes' }]],
    [
      'DRAFT and INACTIVE schemas, which may be activated later',
      [{ schemaName: 'drafted' }, { schemaName: 'paused', attributeName: 'bytes' }],
    ],
  ])('accepts %s', (_, associations) => {
    expect(checkSchemaAssociations(associations, schemas)).toEqual([]);
  });

  it.each<[string, SchemaAssociation, string, RegExp]>([
    ['an unknown schema', { schemaName: 'nope' }, 'schemaAssociations.1.schemaName', /no event schema named 'nope'/],
    ['an ARCHIVED schema', { schemaName: 'gone' }, 'schemaAssociations.1.schemaName', /'gone' is archived/],
    [
      'an unknown attribute',
      { schemaName: 'drafted', attributeName: 'colour' },
      'schemaAssociations.1.attributeName',
      /has no attribute 'colour'/,
    ],
    [
      'a dimension',
      { schemaName: 'drafted', attributeName: 'region' },
      'schemaAssociations.1.attributeName',
      /'region' is a dimension/,
    ],
    [
      'an enriched dimension',
      { schemaName: 'drafted', attributeName: 'zone' },
      'schemaAssociations.1.attributeName',
      /'zone' is a dimension/,
    ],
    [
      'an enriched attribute',
      { schemaName: 'drafted', attributeName: 'kilobytes' },
      'schemaAssociations.1.attributeName',
      /computed by enrichment/,
    ],
  ])('refuses %s, naming the field', (_, bad, path, message) => {
    const issues = checkSchemaAssociations([{ schemaName: 'calls' }, bad], schemas);
    expect(issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('reports every bad association, not just the first', () => {
    const issues = checkSchemaAssociations(
      [{ schemaName: 'gone' }, { schemaName: 'calls', attributeName: 'region' }, { schemaName: 'x' }],
      schemas,
    );
    expect(issues.map((i) => i.path)).toEqual([
      'schemaAssociations.0.schemaName',
      'schemaAssociations.1.attributeName',
      'schemaAssociations.2.schemaName',
    ]);
  });
});
