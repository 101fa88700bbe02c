import { z } from 'zod';
import { ALERT_TEMPLATES, type AlertTemplateId } from './alert';

/** Togai's AlertTemplate: what an alert of each template watches, its details described as JSON Schema. */
export const alertTemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    interval: z.number().int(),
    entitySchema: z.string().optional(),
    entityType: z.string().optional(),
    ownerSchema: z.string().optional(),
    ownerType: z.string().optional(),
    parametersSchema: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'AlertTemplate' });
export type AlertTemplate = z.infer<typeof alertTemplateSchema>;

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
const THRESHOLDS_SCHEMA = JSON.stringify({
  type: 'object',
  required: ['threshold'],
  properties: {
    threshold: {
      type: 'object',
      required: ['values'],
      properties: {
        type: { enum: ['ABSOLUTE', 'PERCENTAGE'], default: 'ABSOLUTE' },
        values: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'number', minimum: 0 } },
        limit: { type: 'number', minimum: 0, description: 'What PERCENTAGE values are a percentage of' },
      },
    },
  },
});

const TEMPLATES: Record<AlertTemplateId, AlertTemplate> = {
  USAGE_THRESHOLD: {
    id: 'USAGE_THRESHOLD',
    name: 'Usage threshold',
    description:
      "A meter's usage in an account's current billing cycle rises through a threshold (real time, from the metering transaction)",
    interval: 0,
    entityType: 'USAGE_METER',
    entitySchema: JSON.stringify({ type: 'object', required: ['usageMeter'], properties: { usageMeter: id } }),
    ownerType: 'ACCOUNT',
    ownerSchema: JSON.stringify({
      type: 'object',
      properties: { account: { ...id, description: 'Absent: every account' } },
    }),
    parametersSchema: THRESHOLDS_SCHEMA,
    createdAt: '2026-12-03T00:00:00.000Z',
  },
  REVENUE_THRESHOLD: {
    id: 'REVENUE_THRESHOLD',
    name: 'Revenue threshold',
    description:
      "An account's rated revenue in its current billing cycle, all meters together, in one currency, rises through a threshold (real time, from the rating transaction; a correction that lowers it re-arms the threshold)",
    interval: 0,
    entityType: 'CURRENCY',
    entitySchema: JSON.stringify({
      type: 'object',
      required: ['currency'],
      properties: { currency: { ...id, description: 'ISO 4217 code, e.g. USD' } },
    }),
    ownerType: 'ACCOUNT',
    ownerSchema: JSON.stringify({
      type: 'object',
      properties: { account: { ...id, description: 'Absent: every account' } },
    }),
    parametersSchema: THRESHOLDS_SCHEMA,
    createdAt: '2026-12-03T00:00:00.000Z',
  },
  BALANCE_THRESHOLD: {
    id: 'BALANCE_THRESHOLD',
    name: 'Balance threshold',
    description:
      "An account's credit balance of a feature falls through a threshold (real time, from the ledger's debit transaction; a refund or grant that lifts it back above re-arms the threshold). PERCENTAGE values are percentages of `limit`, e.g. the credits a plan grants per cycle",
    interval: 0,
    entityType: 'FEATURE',
    entitySchema: JSON.stringify({ type: 'object', required: ['feature'], properties: { feature: id } }),
    ownerType: 'ACCOUNT',
    ownerSchema: JSON.stringify({
      type: 'object',
      properties: { account: { ...id, description: 'Absent: every account' } },
    }),
    parametersSchema: THRESHOLDS_SCHEMA,
    createdAt: '2026-12-03T00:00:00.000Z',
  },
};

export const alertTemplates = (): AlertTemplate[] => ALERT_TEMPLATES.map((id) => TEMPLATES[id]);
export const findAlertTemplate = (id: string): AlertTemplate | undefined => alertTemplates().find((t) => t.id === id);
