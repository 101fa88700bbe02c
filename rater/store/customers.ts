import { and, asc, eq, sql } from 'drizzle-orm';
import { billingAddressOf, type Address } from '../../shared/account/address';
import {
  customerSchema,
  type CreateCustomerRequest,
  type Customer,
  type UpdateCustomerRequest,
} from '../../shared/account/customer';
import type { Queryable } from '../db/connect';
import { accounts, customers } from '../db/schema';
import { newId, nextStamp } from './write-guards';

type Row = typeof customers.$inferSelect;

export function toCustomer(row: Row): Customer {
  const address = row.address as Address;
  return customerSchema.parse({
    id: row.id,
    togaiCustomerId: row.togaiCustomerId,
    name: row.name,
    primaryEmail: row.primaryEmail,
    billingAddress: billingAddressOf(address),
    address,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** Inserts an ACTIVE customer; null when the tenant has one of that id already (archived ones too). */
export async function insertCustomer(
  db: Queryable,
  tenantId: string,
  input: Omit<CreateCustomerRequest, 'account'>,
): Promise<Row | null> {
  const now = new Date();
  const [row] = await db
    .insert(customers)
    .values({
      tenantId,
      id: input.id,
      togaiCustomerId: newId('cus.'),
      name: input.name,
      primaryEmail: input.primaryEmail,
      address: input.address,
      settings: input.settings ?? null,
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function findCustomerRow(db: Queryable, tenantId: string, id: string): Promise<Row | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return row ?? null;
}

export async function findCustomer(db: Queryable, tenantId: string, id: string): Promise<Customer | null> {
  const row = await findCustomerRow(db, tenantId, id);
  return row ? toCustomer(row) : null;
}

/** A page of customers (archived ones too: their status says so) in creation order, after `afterId`'s. */
export async function listCustomers(
  db: Queryable,
  tenantId: string,
  page: { afterId?: string | undefined; limit: number },
): Promise<Customer[]> {
  const c = customers;
  const after =
    page.afterId === undefined
      ? undefined
      : sql`(${c.createdAt}, ${c.id}) > (select a.created_at, a.id from customers a where a.tenant_id = ${tenantId} and a.id = ${page.afterId})`;
  const rows = await db
    .select()
    .from(c)
    .where(and(eq(c.tenantId, tenantId), after))
    .orderBy(asc(c.createdAt), asc(c.id))
    .limit(page.limit);
  return rows.map(toCustomer);
}

/** Applies `change` unless the customer changed since `expected` was read (null: it did). */
export async function updateCustomer(
  db: Queryable,
  tenantId: string,
  expected: Customer,
  change: UpdateCustomerRequest,
): Promise<Customer | null> {
  const [row] = await db
    .update(customers)
    .set({ ...change, updatedAt: nextStamp(expected) })
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.id, expected.id),
        sql`date_trunc('milliseconds', ${customers.updatedAt}) = ${expected.updatedAt}::timestamptz`,
      ),
    )
    .returning();
  return row ? toCustomer(row) : null;
}

/** Archives the customer and every account of it, in the caller's transaction. */
export async function archiveCustomer(db: Queryable, tenantId: string, id: string): Promise<void> {
  const now = new Date();
  await db
    .update(customers)
    .set({ status: 'ARCHIVED', updatedAt: now })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  await db
    .update(accounts)
    .set({ status: 'ARCHIVED', updatedAt: now })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.customerId, id)));
}
