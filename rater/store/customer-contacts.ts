import { and, asc, eq } from 'drizzle-orm';
import type { CreateCustomerContactRequest, CustomerContact } from '../../shared/account/customer-contact';
import type { Queryable } from '../db/connect';
import { customerContacts } from '../db/schema';
import { newId } from './write-guards';

type Row = typeof customerContacts.$inferSelect;

function toContact(row: Row): CustomerContact {
  return {
    username: row.username,
    ...(row.preferredUsername !== null ? { preferredUsername: row.preferredUsername } : {}),
    name: row.name,
    email: row.email,
    ...(row.phone !== null ? { phone: row.phone } : {}),
    loginAccess: false,
    createdAt: row.createdAt.toISOString(),
    verified: false,
    customerId: row.customerId,
  };
}

/** Inserts a contact of the customer; null when the tenant has a contact of that username already. */
export async function insertContact(
  db: Queryable,
  tenantId: string,
  customerId: string,
  input: CreateCustomerContactRequest,
): Promise<CustomerContact | null> {
  const [row] = await db
    .insert(customerContacts)
    .values({
      tenantId,
      username: input.preferredUsername ?? newId('ctc.'),
      customerId,
      preferredUsername: input.preferredUsername ?? null,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
    })
    .onConflictDoNothing()
    .returning();
  return row ? toContact(row) : null;
}

/** The customer's contacts, oldest first. */
export async function listContacts(db: Queryable, tenantId: string, customerId: string): Promise<CustomerContact[]> {
  const rows = await db
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.tenantId, tenantId), eq(customerContacts.customerId, customerId)))
    .orderBy(asc(customerContacts.createdAt), asc(customerContacts.username));
  return rows.map(toContact);
}
