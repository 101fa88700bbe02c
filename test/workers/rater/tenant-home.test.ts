import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/app-error';
import { Databases } from '../../../rater/db/databases';
import { ensureTenant } from '../../../rater/store/api-keys';
import { findEventSchema, insertEventSchema } from '../../../rater/store/event-schemas';
import { inTenantHome } from '../../../rater/store/tenant-home';
import { updateTenantSettings } from '../../../rater/store/tenant-settings';

/**
 * A tenant's first configuration racing a move of its jurisdiction (rater/store/tenant-home.ts).
 * The suite serves the EU jurisdiction from a second database (test/support/database-setup.ts).
 */
const databases = () => new Databases(env);
const schema = { name: 'calls', attributes: [], dimensions: [] };

async function newTenant(): Promise<string> {
  const dbs = databases();
  try {
    return await ensureTenant(dbs.directory, `home-${crypto.randomUUID()}`);
  } finally {
    await dbs.end();
  }
}

describe('a first configuration write racing a jurisdiction move', () => {
  it('lands before the move, and the move is refused', async () => {
    const tenantId = await newTenant();
    const dbs = databases();
    try {
      let locked!: () => void;
      const homeLocked = new Promise<void>((resolve) => (locked = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const write = inTenantHome(dbs.directory, tenantId, null, async (tx) => {
        locked();
        await released;
        return insertEventSchema(tx, tenantId, schema);
      });
      await homeLocked;
      const move = updateTenantSettings(dbs, tenantId, { jurisdiction: 'eu' }, 16, new Date()).then(
        () => 'moved',
        (error: unknown) => (error instanceof AppError ? error.code : String(error)),
      );
      // The move waits for the write's lock on the tenant's home row (it would be done in a few ms otherwise).
      expect(await Promise.race([move, new Promise((resolve) => setTimeout(resolve, 1000, 'waiting'))])).toBe(
        'waiting',
      );
      release();
      expect(await write).toMatchObject({ name: 'calls' });
      expect(await move).toBe('jurisdiction_fixed');
      expect(await findEventSchema(dbs.directory, tenantId, 'calls')).not.toBeNull();
    } finally {
      await dbs.end();
    }
  });

  it('routed by a jurisdiction read before the move, is refused instead of landing in the old home', async () => {
    const tenantId = await newTenant();
    const dbs = databases();
    try {
      await updateTenantSettings(dbs, tenantId, { jurisdiction: 'eu' }, 16, new Date());
      // A request that read "no jurisdiction" from the directory just before the move:
      const stale = inTenantHome(dbs.directory, tenantId, null, (tx) => insertEventSchema(tx, tenantId, schema));
      await expect(stale).rejects.toMatchObject({ code: 'tenant_moving' });
      // Moved back while empty, a request that still thinks it is in the EU is refused there too.
      await updateTenantSettings(dbs, tenantId, { jurisdiction: null }, 16, new Date());
      await expect(
        inTenantHome(dbs.of('eu'), tenantId, 'eu', (tx) => insertEventSchema(tx, tenantId, schema)),
      ).rejects.toMatchObject({ code: 'tenant_moving' });
      expect(
        await inTenantHome(dbs.directory, tenantId, null, (tx) => insertEventSchema(tx, tenantId, schema)),
      ).toMatchObject({ name: 'calls' });
    } finally {
      await dbs.end();
    }
  });
});
