import { and, asc, eq, inArray, isNull, or, gt, sql } from 'drizzle-orm';
import { ALIAS_BEGINNING, ALIAS_END, accountAliasSchema, type AccountAlias } from '../../shared/account/account-alias';
import type { FieldIssue } from '../../shared/errors/app-error';
import type { Queryable } from '../db/connect';
import { accountAliases } from '../db/schema';

type Row = typeof accountAliases.$inferSelect;

/** An alias to add, with the request field it came from (for the error that names it). */
export interface NewAlias {
  path: string;
  value: string;
  effectiveFrom?: string | undefined;
  effectiveUntil?: string | undefined;
}

/** At most this many aliases of an account may be current or future: Togai's Account lists ≤ 10. */
export const MAX_LIVE_ALIASES = 10;

export function toAccountAlias(row: Row): AccountAlias {
  return accountAliasSchema.parse({
    id: row.id,
    value: row.value,
    effectiveFrom: row.effectiveFrom?.toISOString() ?? ALIAS_BEGINNING,
    effectiveUntil: row.effectiveUntil?.toISOString() ?? ALIAS_END,
    createdAt: row.createdAt.toISOString(),
    ...(row.updatedAt ? { updatedAt: row.updatedAt.toISOString() } : {}),
  });
}

const rangeOf = (from: unknown, until: unknown) =>
  sql`tstzrange(coalesce(${from}, '-infinity'::timestamptz), coalesce(${until}, 'infinity'::timestamptz))`;

/**
 * Adds aliases to an account, in the caller's transaction. An alias names one account at a time:
 * one whose range overlaps a range of the same value (on any of the tenant's accounts) is refused,
 * and the value is locked for the transaction so two concurrent adds cannot both pass the check.
 * The same value over the same range on the same account again is a no-op. Returns what was
 * refused — `taken` (another range holds the value), `invalid` (the request itself is at fault) —
 * and writes nothing when anything was.
 */
export async function addAliases(
  db: Queryable,
  tenantId: string,
  accountId: string,
  aliases: NewAlias[],
  now = new Date(),
): Promise<{ taken: FieldIssue[]; invalid: FieldIssue[] }> {
  const taken: FieldIssue[] = [];
  const invalid: FieldIssue[] = [];
  const fresh: NewAlias[] = [];
  for (const alias of [...aliases].sort((a, b) => a.value.localeCompare(b.value))) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${tenantId}), hashtext(${`alias:${alias.value}`}))`);
  }
  for (const alias of aliases) {
    const from = alias.effectiveFrom ?? null;
    const until = alias.effectiveUntil ?? null;
    const holders = await db
      .select()
      .from(accountAliases)
      .where(
        and(
          eq(accountAliases.tenantId, tenantId),
          eq(accountAliases.value, alias.value),
          sql`${rangeOf(accountAliases.effectiveFrom, accountAliases.effectiveUntil)} && ${rangeOf(from, until)}`,
        ),
      );
    const same = holders.find(
      (h) =>
        h.accountId === accountId &&
        h.effectiveFrom?.getTime() === (from ? Date.parse(from) : undefined) &&
        h.effectiveUntil?.getTime() === (until ? Date.parse(until) : undefined),
    );
    if (same && holders.length === 1) {
      continue;
    }
    const clash = holders.find((h) => h !== same) ?? same;
    if (clash) {
      taken.push({
        path: alias.path,
        message:
          clash.accountId === accountId ? 'overlaps an alias this account has' : 'is an alias of another account then',
      });
    } else if (fresh.some((f) => f.value === alias.value)) {
      invalid.push({ path: alias.path, message: 'is given twice' });
    } else {
      fresh.push(alias);
    }
  }
  if (taken.length > 0 || invalid.length > 0 || fresh.length === 0) {
    return { taken, invalid };
  }
  const live = await db
    .select({ id: accountAliases.id })
    .from(accountAliases)
    .where(
      and(
        eq(accountAliases.tenantId, tenantId),
        eq(accountAliases.accountId, accountId),
        or(isNull(accountAliases.effectiveUntil), gt(accountAliases.effectiveUntil, now)),
      ),
    );
  if (live.length + fresh.length > MAX_LIVE_ALIASES) {
    return {
      taken,
      invalid: [
        {
          path: fresh.at(-1)!.path,
          message: `would give the account more than ${MAX_LIVE_ALIASES} current or future aliases`,
        },
      ],
    };
  }
  await db.insert(accountAliases).values(
    fresh.map((a) => ({
      tenantId,
      id: crypto.randomUUID(),
      accountId,
      value: a.value,
      effectiveFrom: a.effectiveFrom ? new Date(a.effectiveFrom) : null,
      effectiveUntil: a.effectiveUntil ? new Date(a.effectiveUntil) : null,
      createdAt: now,
    })),
  );
  return { taken, invalid };
}

/** An alias to end: by value (every range of it still running at `at`) or by id. */
export type AliasEnd = { path: string; at: Date } & ({ value: string } | { id: string });

/**
 * Ends aliases of an account at the instant given: a range that has not begun by then is removed
 * altogether (it would be empty). Returns the issues — a value or id the account does not have —
 * and writes nothing when there is one.
 */
export async function endAliases(
  db: Queryable,
  tenantId: string,
  accountId: string,
  ends: AliasEnd[],
): Promise<FieldIssue[]> {
  const rows = await db
    .select()
    .from(accountAliases)
    .where(and(eq(accountAliases.tenantId, tenantId), eq(accountAliases.accountId, accountId)));
  const running = (row: Row, at: Date) => row.effectiveUntil === null || row.effectiveUntil > at;
  const plan: { row: Row; at: Date }[] = [];
  const issues: FieldIssue[] = [];
  for (const end of ends) {
    const matches =
      'id' in end
        ? rows.filter((r) => r.id === end.id)
        : rows.filter((r) => r.value === end.value && running(r, end.at));
    if (matches.length === 0) {
      issues.push({
        path: end.path,
        message: 'id' in end ? 'is not an alias of this account' : 'is not a current alias of this account',
      });
    }
    for (const row of matches) {
      if (running(row, end.at)) {
        plan.push({ row, at: end.at });
      }
    }
  }
  if (issues.length > 0) {
    return issues;
  }
  for (const { row, at } of plan) {
    const where = and(eq(accountAliases.tenantId, tenantId), eq(accountAliases.id, row.id));
    if (row.effectiveFrom !== null && row.effectiveFrom >= at) {
      await db.delete(accountAliases).where(where);
    } else {
      await db.update(accountAliases).set({ effectiveUntil: at, updatedAt: new Date() }).where(where);
    }
  }
  return [];
}

/** Every alias an account has had, has or will have, oldest range first. */
export async function listAliases(db: Queryable, tenantId: string, accountId: string): Promise<AccountAlias[]> {
  const rows = await db
    .select()
    .from(accountAliases)
    .where(and(eq(accountAliases.tenantId, tenantId), eq(accountAliases.accountId, accountId)))
    .orderBy(sql`${accountAliases.effectiveFrom} asc nulls first`, asc(accountAliases.value), asc(accountAliases.id));
  return rows.map(toAccountAlias);
}

/** The alias values in force at `at` of each of these accounts. */
export async function aliasesAt(
  db: Queryable,
  tenantId: string,
  accountIds: string[],
  at: Date,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (accountIds.length === 0) {
    return result;
  }
  const rows = await db
    .select({ accountId: accountAliases.accountId, value: accountAliases.value })
    .from(accountAliases)
    .where(
      and(
        eq(accountAliases.tenantId, tenantId),
        inArray(accountAliases.accountId, accountIds),
        sql`${rangeOf(accountAliases.effectiveFrom, accountAliases.effectiveUntil)} @> ${at.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(accountAliases.value));
  for (const row of rows) {
    result.set(row.accountId, [...(result.get(row.accountId) ?? []), row.value]);
  }
  return result;
}
