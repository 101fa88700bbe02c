import { inject } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { createApiKey, ensureTenant } from '../../rater/store/api-keys';
import { unique } from './api-client';

/** A tenant of its own and its first admin key, made in the stack's database as `npm run tenant` does. */
export async function createTenant(prefix = 'tenant'): Promise<{ tenantId: string; keyId: string; key: string }> {
  const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  try {
    const tenantId = await ensureTenant(db, unique(prefix));
    const { id, secret } = await createApiKey(db, tenantId, { name: 'operator', scopes: ['admin'] });
    return { tenantId, keyId: id, key: secret };
  } finally {
    await close();
  }
}
