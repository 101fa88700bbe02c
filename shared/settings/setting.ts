import { z } from 'zod';
import { invalid } from '../errors/app-error';

/**
 * Togai's settings (SettingsApi): a tenant's key/value store, each value attached to an entity —
 * the organization (the tenant), a customer or an account — under a namespace. A setting is
 * addressed by `setting.{namespace}.{id}.{entityType}.{entityId}` (Togai's `setting_id_str`), so
 * the namespace and id hold no dots; the entity id may, being last.
 *
 * Meterline stores and serves settings; it acts on none of them (Togai's own namespaces steer
 * Togai's invoicing, which Meterline does not do). The value is a string, checked against its
 * data type so that what a reader gets back parses as the type says.
 */
export const settingDataTypeSchema = z
  .enum(['STRING', 'NUMERIC', 'JSON', 'JSON_LOGIC'])
  .meta({ id: 'SettingDataType' });
export type SettingDataType = z.infer<typeof settingDataTypeSchema>;

export const settingEntityTypeSchema = z.enum(['ORGANIZATION', 'CUSTOMER', 'ACCOUNT']);
export type SettingEntityType = z.infer<typeof settingEntityTypeSchema>;

const segment = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'may hold letters, digits, _ and - only (it is a segment of the setting id)');

export const MAX_SETTING_VALUE = 64 * 1024;

export const settingSchema = z
  .object({
    id: segment.meta({ description: 'The setting’s key, e.g. success_threshold' }),
    value: z.string().max(MAX_SETTING_VALUE),
    entityType: z.string().meta({ description: 'ORGANIZATION, CUSTOMER or ACCOUNT' }),
    entityId: z.string().min(1).max(100),
    namespace: segment.meta({ description: 'e.g. USER' }),
    name: z.string().min(1).max(255),
    dataType: settingDataTypeSchema,
  })
  .meta({ id: 'Setting', description: 'Represents a setting' });
export type Setting = z.infer<typeof settingSchema>;

export const insertSettingRequest = settingSchema
  .extend({ entityType: settingEntityTypeSchema })
  .strict()
  .meta({ id: 'InsertSettingRequest', description: "Togai's Setting, as sent to create one" });
export type InsertSettingRequest = z.infer<typeof insertSettingRequest>;

export const updateSettingRequest = z
  .strictObject({
    name: z.string().min(1).max(255).optional(),
    value: z.string().max(MAX_SETTING_VALUE).optional(),
    dataType: settingDataTypeSchema.optional(),
  })
  .meta({ id: 'UpdateSettingRequest', description: 'Update Settings' });
export type UpdateSettingRequest = z.infer<typeof updateSettingRequest>;

export interface SettingKey {
  namespace: string;
  id: string;
  entityType: SettingEntityType;
  entityId: string;
}

/** Togai's setting_id_str. */
export function settingRef(key: SettingKey): string {
  return `setting.${key.namespace}.${key.id}.${key.entityType}.${key.entityId}`;
}

/** The key a setting_id_str names; null when it is not one (a 404, as for any id naming nothing). */
export function parseSettingRef(ref: string): SettingKey | null {
  const match = /^setting\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.(ORGANIZATION|CUSTOMER|ACCOUNT)\.(.+)$/.exec(ref);
  if (!match) {
    return null;
  }
  return { namespace: match[1]!, id: match[2]!, entityType: match[3] as SettingEntityType, entityId: match[4]! };
}

const EXACT_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Refuses a value its data type cannot read back, naming `path`. */
export function checkSettingValue(value: string, dataType: SettingDataType, path = 'value'): void {
  const problem = valueProblem(value, dataType);
  if (problem) {
    throw invalid('invalid_setting_value', [{ path, message: problem }]);
  }
}

function valueProblem(value: string, dataType: SettingDataType): string | null {
  switch (dataType) {
    case 'STRING':
      return null;
    case 'NUMERIC':
      return EXACT_DECIMAL.test(value) ? null : 'must be a decimal number, e.g. 0.75, as dataType is NUMERIC';
    case 'JSON':
      return parses(value) ? null : 'must be JSON text, as dataType is JSON';
    case 'JSON_LOGIC': {
      // A JsonLogic rule is an object ({"<": [{"var": "x"}, 3]}); Meterline stores it and evaluates nothing.
      const parsed = parses(value);
      return parsed && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)
        ? null
        : 'must be a JSON object (a JsonLogic rule), as dataType is JSON_LOGIC';
    }
  }
}

function parses(value: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(value) as unknown };
  } catch {
    return null;
  }
}
