/**
 * Standard Webhooks signing (standardwebhooks.com): a delivery carries `webhook-id` (the same on
 * every retry of one message, so a receiver dedupes on it), `webhook-timestamp` (Unix seconds of
 * this attempt) and `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed
 * with the endpoint secret's bytes (`whsec_` + base64). Web Crypto only: Workers, Node and browsers.
 */
export const SECRET_PREFIX = 'whsec_';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A new endpoint secret: 24 random bytes (the spec asks for 24 to 64). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(24)));
}

/**
 * Signs one attempt with each secret given — during a rotation the new one and the previous one —
 * as the spec's space-separated list (`v1,<new> v1,<old>`): a receiver still holding the old secret
 * verifies the second, one that has switched verifies the first.
 */
export async function signWebhook(
  secrets: string | readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): Promise<SignedHeaders> {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) {
    throw new Error('a webhook is signed with at least one secret');
  }
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = await Promise.all(list.map(async (secret) => `v1,${toBase64(await hmac(secret, content))}`));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}

async function hmac(secret: string, content: string): Promise<Uint8Array> {
  if (!secret.startsWith(SECRET_PREFIX)) {
    throw new Error('a webhook secret starts with whsec_');
  }
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64(secret.slice(SECRET_PREFIX.length)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
