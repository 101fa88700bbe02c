import { and, asc, eq, gt } from 'drizzle-orm';
import {
  settingRef,
  type InsertSettingRequest,
  type Setting,
  type SettingKey,
  type UpdateSettingRequest,
} from '../../shared/settings/setting';
import type { Queryable } from '../db/connect';
import { settings } from '../db/schema';

type Row = typeof settings.$inferSelect;

function toSetting(row: Row): Setting {
  return {
    id: row.settingId,
    value: row.value,
    entityType: row.entityType,
    entityId: row.entityId,
    namespace: row.namespace,
    name: row.name,
    dataType: row.dataType as Setting['dataType'],
  };
}

/** Inserts a setting; null when the tenant has one of that namespace, id and entity already. */
export async function insertSetting(
  db: Queryable,
  tenantId: string,
  input: InsertSettingRequest,
): Promise<Setting | null> {
  const [row] = await db
    .insert(settings)
    .values({
      tenantId,
      ref: settingRef(input),
      namespace: input.namespace,
      settingId: input.id,
      entityType: input.entityType,
      entityId: input.entityId,
      name: input.name,
      value: input.value,
      dataType: input.dataType,
    })
    .onConflictDoNothing()
    .returning();
  return row ? toSetting(row) : null;
}

export async function findSetting(
  db: Queryable,
  tenantId: string,
  key: SettingKey,
  options: { lock?: boolean } = {},
): Promise<Setting | null> {
  const query = db
    .select()
    .from(settings)
    .where(and(eq(settings.tenantId, tenantId), eq(settings.ref, settingRef(key))));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ? toSetting(row) : null;
}

export async function updateSetting(
  db: Queryable,
  tenantId: string,
  key: SettingKey,
  change: UpdateSettingRequest,
): Promise<Setting | null> {
  const [row] = await db
    .update(settings)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(settings.tenantId, tenantId), eq(settings.ref, settingRef(key))))
    .returning();
  return row ? toSetting(row) : null;
}

export interface SettingFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  settingId?: string | undefined;
  namespace?: string | undefined;
}

/** A page of the tenant's settings in setting_id_str order, after `afterRef`. */
export async function listSettings(
  db: Queryable,
  tenantId: string,
  filter: SettingFilter,
  page: { afterRef?: string | undefined; limit: number },
): Promise<{ ref: string; setting: Setting }[]> {
  const rows = await db
    .select()
    .from(settings)
    .where(
      and(
        eq(settings.tenantId, tenantId),
        filter.entityType !== undefined ? eq(settings.entityType, filter.entityType) : undefined,
        filter.entityId !== undefined ? eq(settings.entityId, filter.entityId) : undefined,
        filter.settingId !== undefined ? eq(settings.settingId, filter.settingId) : undefined,
        filter.namespace !== undefined ? eq(settings.namespace, filter.namespace) : undefined,
        page.afterRef !== undefined ? gt(settings.ref, page.afterRef) : undefined,
      ),
    )
    .orderBy(asc(settings.ref))
    .limit(page.limit);
  return rows.map((row) => ({ ref: row.ref, setting: toSetting(row) }));
}

export async function settingRefExists(db: Queryable, tenantId: string, ref: string): Promise<boolean> {
  const [row] = await db
    .select({ ref: settings.ref })
    .from(settings)
    .where(and(eq(settings.tenantId, tenantId), eq(settings.ref, ref)));
  return row !== undefined;
}
