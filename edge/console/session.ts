import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashApiKey, type Principal } from '../../shared/auth/api-key';
import { principalForKey } from '../config/tenant-config';
import type { EdgeEnv } from '../env';

const COOKIE = 'meterline_console';
const EIGHT_HOURS = 8 * 60 * 60;

/**
 * The console's session is the API key itself, in a cookie the page's scripts cannot read
 * (HttpOnly), sent only to the console (Path), never cross-site (SameSite=Strict), and only over
 * HTTPS wherever the console is served over HTTPS (Secure) — never in localStorage.
 */
export function startSession(c: Context, apiKey: string): void {
  setCookie(c, COOKIE, apiKey, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/console',
    maxAge: EIGHT_HOURS,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/console' });
}

export function sessionKey(c: Context): string | undefined {
  return getCookie(c, COOKIE);
}

/** Who the key belongs to; null when it is not (or no longer) a valid key. */
export async function principalOf(env: EdgeEnv, apiKey: string): Promise<Principal | null> {
  return principalForKey(env, await hashApiKey(apiKey));
}
