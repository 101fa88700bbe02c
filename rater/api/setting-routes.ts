import { settingRoutes as routes } from '../../shared/api/setting-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { AppError, notFound } from '../../shared/errors/app-error';
import {
  checkSettingValue,
  parseSettingRef,
  settingRef,
  type InsertSettingRequest,
  type SettingKey,
} from '../../shared/settings/setting';
import type { Queryable } from '../db/connect';
import { findAccount } from '../store/accounts';
import { findCustomerRow } from '../store/customers';
import { findSetting, insertSetting, listSettings, settingRefExists, updateSetting } from '../store/settings';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

/** Togai's SettingsApi. A setting's entity must exist; its value must read as its data type. */
export const settingRoutes = createRouter()
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const {
      nextToken,
      pageSize,
      entity_type: entityType,
      entity_id: entityId,
      setting_id: settingId,
      namespace,
    } = c.req.valid('query');
    const filter = { entityType, entityId, settingId, namespace };
    const afterRef = await decodeOwnPageToken(nextToken, (ref) => settingRefExists(db, principal.tenantId, ref));
    const rows = await listSettings(db, principal.tenantId, filter, { afterRef, limit: pageSize + 1 });
    const page = toPage(rows, pageSize, (row) => row.ref);
    return c.json({ ...page, data: page.data.map((row) => row.setting) }, 200);
  })
  .openapi(routes.insert, async (c) => {
    const { db, principal, home } = c.env;
    const input = c.req.valid('json');
    checkSettingValue(input.value, input.dataType);
    // Settings may hold personal data: like customers, they pin the tenant to its jurisdiction.
    const created = await inTenantHome(db, principal.tenantId, home, async (tx) => {
      await mustFindEntity(tx, principal.tenantId, input);
      return insertSetting(tx, principal.tenantId, input);
    });
    if (!created) {
      throw new AppError(
        'conflict',
        'setting_exists',
        `The setting '${settingRef(input)}' exists; change it with PATCH`,
        [{ path: 'id', message: `this ${input.entityType} has a setting of that id in namespace ${input.namespace}` }],
      );
    }
    return c.json(created, 201);
  })
  .openapi(routes.get, async (c) => {
    const { db, principal } = c.env;
    const { settingIdStr } = c.req.valid('param');
    const key = parseSettingRef(settingIdStr);
    const setting = key && (await findSetting(db, principal.tenantId, key));
    if (!setting) {
      throw notFound('setting', settingIdStr);
    }
    return c.json(setting, 200);
  })
  .openapi(routes.update, async (c) => {
    const { db, principal } = c.env;
    const { settingIdStr } = c.req.valid('param');
    const change = c.req.valid('json');
    const key = parseSettingRef(settingIdStr);
    if (!key) {
      throw notFound('setting', settingIdStr);
    }
    const updated = await db.transaction(async (tx) => {
      const current = await findSetting(tx, principal.tenantId, key, { lock: true });
      if (!current) {
        throw notFound('setting', settingIdStr);
      }
      // The value must read as the type it will have: either may change, or both.
      checkSettingValue(
        change.value ?? current.value,
        change.dataType ?? current.dataType,
        change.value !== undefined ? 'value' : 'dataType',
      );
      return updateSetting(tx, principal.tenantId, key, change);
    });
    if (!updated) {
      throw notFound('setting', settingIdStr);
    }
    return c.json(updated, 201);
  });

async function mustFindEntity(
  db: Queryable,
  tenantId: string,
  input: InsertSettingRequest & SettingKey,
): Promise<void> {
  // The organization is the tenant itself: whatever id the caller knows it by, it exists.
  if (input.entityType === 'ACCOUNT' && !(await findAccount(db, tenantId, input.entityId))) {
    throw entityMissing('account', input.entityId);
  }
  if (input.entityType === 'CUSTOMER' && !(await findCustomerRow(db, tenantId, input.entityId))) {
    throw entityMissing('customer', input.entityId);
  }
}

function entityMissing(what: string, id: string): AppError {
  return new AppError('not_found', `${what}_not_found`, `No ${what} '${id}'`, [
    { path: 'entityId', message: `names no ${what} of this tenant` },
  ]);
}
