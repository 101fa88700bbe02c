import { and, asc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/connect';
import { credits } from '../db/schema';

export type CreditRow = typeof credits.$inferSelect;
export type NewCreditRow = Omit<CreditRow, 'voidedAt' | 'voidedUsed' | 'createdAt' | 'updatedAt'> & { createdAt: Date };

/** Inserts the credits; false (nothing written) when an idempotency key is taken meanwhile. */
export async function insertCredits(tx: Queryable, rows: NewCreditRow[]): Promise<boolean> {
  const written = await tx
    .insert(credits)
    .values(rows.map((row) => ({ ...row, updatedAt: row.createdAt })))
    .onConflictDoNothing()
    .returning({ id: credits.id });
  return written.length === rows.length;
}

export async function findCredit(db: Queryable, tenantId: string, id: string): Promise<CreditRow | null> {
  const [row] = await db
    .select()
    .from(credits)
    .where(and(eq(credits.tenantId, tenantId), eq(credits.id, id)));
  return row ?? null;
}

export async function creditsByKeys(db: Queryable, tenantId: string, keys: string[]): Promise<CreditRow[]> {
  if (keys.length === 0) {
    return [];
  }
  return db
    .select()
    .from(credits)
    .where(and(eq(credits.tenantId, tenantId), inArray(credits.idempotencyKey, keys)));
}

/** Every credit of the account, voided ones included: they keep what they used. */
export async function accountCredits(db: Queryable, tenantId: string, accountId: string): Promise<CreditRow[]> {
  return db
    .select()
    .from(credits)
    .where(and(eq(credits.tenantId, tenantId), eq(credits.accountId, accountId)))
    .orderBy(asc(credits.id));
}

/** A page of credits by id, oldest id first. */
export async function listCreditRows(
  db: Queryable,
  tenantId: string,
  filter: { accountId?: string; id?: string; afterId?: string; limit: number },
): Promise<CreditRow[]> {
  const where: SQL[] = [eq(credits.tenantId, tenantId)];
  if (filter.accountId !== undefined) {
    where.push(eq(credits.accountId, filter.accountId));
  }
  if (filter.id !== undefined) {
    where.push(eq(credits.id, filter.id));
  }
  if (filter.afterId !== undefined) {
    where.push(gt(credits.id, filter.afterId));
  }
  return db
    .select()
    .from(credits)
    .where(and(...where))
    .orderBy(asc(credits.id))
    .limit(filter.limit);
}

/** Voids an ACTIVE credit, freezing what it used; false when it was voided meanwhile. */
export async function voidCreditRow(
  tx: Queryable,
  tenantId: string,
  id: string,
  used: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(credits)
    .set({ voidedAt: at, voidedUsed: used, updatedAt: at })
    .where(and(eq(credits.tenantId, tenantId), eq(credits.id, id), isNull(credits.voidedAt)))
    .returning({ id: credits.id });
  return rows.length > 0;
}
