import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { likePrefixPattern } from '../../shared/account/account-search';
import { accountSchema, type Account, type NewAccount, type UpdateAccountRequest } from '../../shared/account/account';
import type { Queryable } from '../db/connect';
import { accounts, customers } from '../db/schema';
import { aliasesAt } from './account-aliases';
import { newId, nextStamp } from './write-guards';

type Row = typeof accounts.$inferSelect;

/** The account as Togai shows it: with its customer's Togai id and the aliases in force at `at`. */
function toAccount(row: Row, togaiCustomerId: string, aliases: string[]): Account {
  return accountSchema.parse({
    id: row.id,
    togaiAccountId: row.togaiAccountId,
    togaiCustomerId,
    name: row.name,
    customerId: row.customerId,
    invoiceCurrency: row.invoiceCurrency ?? undefined,
    aliases: aliases.map((alias) => ({ alias })),
    netTermDays: row.netTermDays ?? undefined,
    address: row.address ?? undefined,
    primaryEmail: row.primaryEmail ?? undefined,
    billingInformation: row.billingInformation ?? undefined,
    status: row.status,
    settings: row.settings ?? undefined,
    metadata: row.metadata ?? undefined,
    tags: row.tags ?? undefined,
  });
}

/** Togai stores an account's tags in lowercase. */
const lowercase = (tags: string[] | undefined) => tags?.map((t) => t.toLowerCase());

/** Inserts an account of `customerId` (aliases apart); false when the tenant has one of that id already. */
export async function insertAccount(
  db: Queryable,
  tenantId: string,
  customerId: string,
  input: NewAccount,
): Promise<boolean> {
  const now = new Date();
  const [row] = await db
    .insert(accounts)
    .values({
      tenantId,
      id: input.id,
      togaiAccountId: newId('acc.'),
      customerId,
      name: input.name,
      invoiceCurrency: input.invoiceCurrency ?? null,
      netTermDays: input.netTermDays ?? null,
      address: input.address ?? null,
      primaryEmail: input.primaryEmail ?? null,
      billingInformation: input.billingInformation ?? null,
      settings: input.settings ?? null,
      metadata: input.metadata ?? null,
      tags: lowercase(input.tags) ?? null,
      status: input.status ?? 'ACTIVE',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  return row !== undefined;
}

const withCustomer = { account: accounts, togaiCustomerId: customers.togaiCustomerId };
const customerOf = and(eq(customers.tenantId, accounts.tenantId), eq(customers.id, accounts.customerId));

async function withAliases(
  db: Queryable,
  tenantId: string,
  rows: { account: Row; togaiCustomerId: string }[],
  at: Date,
): Promise<Account[]> {
  const aliases = await aliasesAt(
    db,
    tenantId,
    rows.map((r) => r.account.id),
    at,
  );
  return rows.map((r) => toAccount(r.account, r.togaiCustomerId, aliases.get(r.account.id) ?? []));
}

/** The account, its aliases those in force at `at`; also its row's updatedAt, for a guarded write. */
export async function findAccount(
  db: Queryable,
  tenantId: string,
  id: string,
  at = new Date(),
): Promise<{ account: Account; updatedAt: string } | null> {
  const rows = await db
    .select(withCustomer)
    .from(accounts)
    .innerJoin(customers, customerOf)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)));
  if (rows.length === 0) {
    return null;
  }
  const [account] = await withAliases(db, tenantId, rows, at);
  return { account: account!, updatedAt: rows[0]!.account.updatedAt.toISOString() };
}

/**
 * A page of accounts (archived ones too), optionally of one customer and only those whose id or name
 * begins with `search` (any case), in creation order.
 */
export async function listAccounts(
  db: Queryable,
  tenantId: string,
  page: { customerId?: string | undefined; search?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<Account[]> {
  const a = accounts;
  // lower(x) LIKE 'prefix%' is a range of accounts_tenant_lower_id / _name (migration 0027). The
  // pattern is lowered again by Postgres, so it folds case exactly as the indexed lower(x) does.
  const pattern = page.search === undefined ? undefined : likePrefixPattern(page.search);
  const matches =
    pattern === undefined
      ? undefined
      : sql`(lower(${a.id}) LIKE lower(${pattern}) OR lower(${a.name}) LIKE lower(${pattern}))`;
  const after =
    page.afterId === undefined
      ? undefined
      : sql`(${a.createdAt}, ${a.id}) > (select x.created_at, x.id from accounts x where x.tenant_id = ${tenantId} and x.id = ${page.afterId})`;
  const rows = await db
    .select(withCustomer)
    .from(a)
    .innerJoin(customers, customerOf)
    .where(
      and(
        eq(a.tenantId, tenantId),
        page.customerId === undefined ? undefined : eq(a.customerId, page.customerId),
        matches,
        after,
      ),
    )
    .orderBy(asc(a.createdAt), asc(a.id))
    .limit(page.limit);
  return withAliases(db, tenantId, rows, new Date());
}

/** Applies `change` unless the account changed since its row's `updatedAt` was read (false: it did). */
export async function updateAccount(
  db: Queryable,
  tenantId: string,
  id: string,
  updatedAt: string,
  change: UpdateAccountRequest,
): Promise<boolean> {
  const { tags, ...rest } = change;
  const rows = await db
    .update(accounts)
    .set({ ...rest, ...(tags ? { tags: lowercase(tags) } : {}), updatedAt: nextStamp({ updatedAt }) })
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.id, id),
        sql`date_trunc('milliseconds', ${accounts.updatedAt}) = ${updatedAt}::timestamptz`,
      ),
    )
    .returning({ id: accounts.id });
  return rows.length > 0;
}

export async function archiveAccount(db: Queryable, tenantId: string, id: string): Promise<void> {
  await db
    .update(accounts)
    .set({ status: 'ARCHIVED', updatedAt: new Date() })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)));
}

/** Which of these ids name an account of the tenant (archived ones too: Togai keeps them). */
export async function knownAccountIds(db: Queryable, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** What an invoice copies from its account when frozen: the customer and the net term (null: no such account). */
export async function accountBillingTerms(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<{ customerId: string; netTermDays: number } | null> {
  const [row] = await db
    .select({ customerId: accounts.customerId, netTermDays: accounts.netTermDays })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)));
  return row ? { customerId: row.customerId, netTermDays: row.netTermDays ?? 0 } : null;
}
