/**
 * A queue message a consumer could not deliver after every retry, or could not read: parked in
 * Postgres with the reason, never dropped, and replayed by an admin (POST /events/replay).
 */
export interface MessageToPark {
  queue: string;
  /** Whose it is, when the message says so; null parks it for operators only. */
  tenantId: string | null;
  /** The message body as the queue delivered it. */
  body: unknown;
  reason: string;
}

/** The tenant a message names, if it names one: a malformed message may still say whose it is. */
export function claimedTenant(body: unknown): string | null {
  const tenantId = typeof body === 'object' && body !== null ? (body as { tenantId?: unknown }).tenantId : undefined;
  return typeof tenantId === 'string' && tenantId.length > 0 ? tenantId : null;
}
