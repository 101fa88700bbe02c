import { createMiddleware } from 'hono/factory';
import { styles } from './layout';
import { REFRESH_SCRIPT } from './usage-page';

let policy: Promise<string> | undefined;

/**
 * The console's response headers: a Content-Security-Policy that allows exactly its one
 * stylesheet and its one script (by hash: both are constants), nothing from elsewhere, no framing
 * (clickjacking), forms posted only to itself; no Referer leaves it for another site (URLs carry query filters; `no-referrer` would make form posts' Origin "null", which the console's cross-site check refuses).
 */
export const consoleSecurityHeaders = createMiddleware(async (c, next) => {
  policy ??= contentSecurityPolicy();
  await next();
  c.header('Content-Security-Policy', await policy);
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Content-Type-Options', 'nosniff');
});

async function contentSecurityPolicy(): Promise<string> {
  return [
    "default-src 'none'",
    `style-src '${await sha256(styles)}'`,
    `script-src '${await sha256(REFRESH_SCRIPT)}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}
