import { and, asc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Alias } from '../../shared/account/alias-registry';
import type { Queryable } from '../db/connect';
import { accountAliases, aliases } from '../db/schema';

const toAlias = (row: typeof aliases.$inferSelect): Alias => ({
  value: row.value,
  createdAt: row.createdAt.toISOString(),
});

/** Registers the values, all or none: the values already registered, when any is (nothing written then). */
export async function registerAliases(
  tx: Queryable,
  tenantId: string,
  values: string[],
): Promise<{ ok: true; aliases: Alias[] } | { ok: false; taken: string[] }> {
  const taken = await tx
    .select({ value: aliases.value })
    .from(aliases)
    .where(and(eq(aliases.tenantId, tenantId), inArray(aliases.value, values)));
  if (taken.length > 0) {
    return { ok: false, taken: taken.map((t) => t.value) };
  }
  const rows = await tx
    .insert(aliases)
    .values(values.map((value) => ({ tenantId, value })))
    .onConflictDoNothing()
    .returning();
  if (rows.length < values.length) {
    return { ok: false, taken: values.filter((v) => !rows.some((r) => r.value === v)) };
  }
  return { ok: true, aliases: values.map((v) => toAlias(rows.find((r) => r.value === v)!)) };
}

export async function findAlias(db: Queryable, tenantId: string, value: string): Promise<Alias | null> {
  const [row] = await db
    .select()
    .from(aliases)
    .where(and(eq(aliases.tenantId, tenantId), eq(aliases.value, value)));
  return row ? toAlias(row) : null;
}

/** A page of registered aliases by value. */
export async function listRegisteredAliases(
  db: Queryable,
  tenantId: string,
  page: { afterValue?: string; limit: number },
): Promise<Alias[]> {
  const rows = await db
    .select()
    .from(aliases)
    .where(
      and(
        eq(aliases.tenantId, tenantId),
        page.afterValue === undefined ? undefined : gt(aliases.value, page.afterValue),
      ),
    )
    .orderBy(asc(aliases.value))
    .limit(page.limit);
  return rows.map(toAlias);
}

/** Whether an account holds the value now or from a later date (a range not yet ended). */
export async function aliasHeld(db: Queryable, tenantId: string, value: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: accountAliases.id })
    .from(accountAliases)
    .where(
      and(
        eq(accountAliases.tenantId, tenantId),
        eq(accountAliases.value, value),
        or(isNull(accountAliases.effectiveUntil), gt(accountAliases.effectiveUntil, now)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function deleteAlias(tx: Queryable, tenantId: string, value: string): Promise<boolean> {
  const rows = await tx
    .delete(aliases)
    .where(and(eq(aliases.tenantId, tenantId), eq(aliases.value, value)))
    .returning({ value: aliases.value });
  return rows.length > 0;
}
