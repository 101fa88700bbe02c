import { invalid } from '../errors/app-error';

/**
 * Keyset pagination behind Togai's opaque `nextToken`: the token carries the sort key of the
 * last item served, so pages stay stable while rows are added, and no OFFSET scan grows with depth.
 */
export function decodePageToken(token: string | undefined): string | undefined {
  if (token === undefined) {
    return undefined;
  }
  try {
    const decoded = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))) as { after?: unknown };
    if (typeof decoded.after === 'string') {
      return decoded.after;
    }
  } catch {
    // fall through to the refusal
  }
  throw notOurToken();
}

/**
 * The key a token carries, once `exists` has found that object for the caller: a token naming
 * anything else (another tenant's object, a forged one) is not a token this API gave the caller.
 */
export async function decodeOwnPageToken(
  token: string | undefined,
  exists: (key: string) => Promise<unknown>,
): Promise<string | undefined> {
  const key = decodePageToken(token);
  if (key !== undefined && !(await exists(key))) {
    throw notOurToken();
  }
  return key;
}

function notOurToken() {
  return invalid('invalid_query', [{ path: 'nextToken', message: 'is not a token this API returned' }]);
}

/** Rows were fetched with `limit: pageSize + 1`: the extra row only says there is a next page. */
export function toPage<T>(rows: T[], pageSize: number, keyOf: (row: T) => string) {
  const data = rows.slice(0, pageSize);
  const more = rows.length > pageSize && data.length > 0;
  const token = more
    ? btoa(JSON.stringify({ after: keyOf(data.at(-1)!) }))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
    : undefined;
  return { data, ...(token ? { nextToken: token } : {}), context: { pageSize, sortOrder: 'ASC' as const } };
}
