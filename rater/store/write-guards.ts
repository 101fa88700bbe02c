/**
 * What the configuration stores share for their guarded writes: a new updatedAt strictly after
 * the one the client read (the optimistic version check compares it), Postgres' unique_violation
 * (a name taken), and Togai-style ids.
 */

/** Strictly after the stamp being replaced, so two writes in one millisecond still differ. */
export function nextStamp(expected: { updatedAt: string }): Date {
  return new Date(Math.max(Date.now(), Date.parse(expected.updatedAt) + 1));
}

/** Postgres' unique_violation, however the driver and drizzle wrap it. */
export function isUniqueViolation(error: unknown): boolean {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.code === '23505') {
      return true;
    }
  }
  return false;
}

/** Togai-style ids: a prefix (`um.`, `feat.`) and 16 random base-36 characters. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}
