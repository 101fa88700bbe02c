import { eq } from 'drizzle-orm';
import {
  DEFAULT_UNKNOWN_ACCOUNTS,
  unknownAccountsSchema,
  type UnknownAccounts,
} from '../../shared/account/unknown-accounts';
import type { Queryable } from '../db/connect';
import { tenants } from '../db/schema';

/** What the rater does with events of accounts never created (shared/account/unknown-accounts.ts), as this database's row says. */
export async function unknownAccountsOf(db: Queryable, tenantId: string): Promise<UnknownAccounts> {
  const [row] = await db
    .select({ unknownAccounts: tenants.unknownAccounts })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return unknownAccountsSchema.catch(DEFAULT_UNKNOWN_ACCOUNTS).parse(row?.unknownAccounts ?? DEFAULT_UNKNOWN_ACCOUNTS);
}
