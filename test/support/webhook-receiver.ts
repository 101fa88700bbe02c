import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { freePort } from './free-port';

/**
 * A webhook receiver for end-to-end tests: a real HTTP server on this machine that the stack's
 * rater POSTs incidents to, and the Standard Webhooks check a receiver writes (node:crypto,
 * independent of Meterline's signer).
 */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

/** A receiver that answers 500 to its first `failures` requests (changeable), then 204; it records every request. */
export async function startReceiver(initialFailures: number) {
  const received: Received[] = [];
  const state = { failures: initialFailures };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(received.length <= state.failures ? 500 : 204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Standard Webhooks check as a receiver writes it, with node:crypto (independent of Meterline's signer). */
export function verifies(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest();
  return r.signature.split(' ').some((s) => {
    const [version, sig] = s.split(',');
    const given = Buffer.from(sig ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** One `v1,` signature of a delivery, computed as a receiver holding `secret` computes it. */
export function signatureWith(secret: string, r: Received): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64')}`;
}
