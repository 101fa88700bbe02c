import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook } from '../../shared/webhook/standard-webhooks';

/**
 * Meterline's signer (Web Crypto) against an independent verifier: node:crypto, as a receiver
 * following the Standard Webhooks spec would write it.
 */
function nodeSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('Standard Webhooks signatures', () => {
  it('verifies with node:crypto for any secret, id, time and body (unicode included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 32 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        async (id, ts, body) => {
          const secret = generateWebhookSecret();
          const headers = await signWebhook(secret, id, ts, body);
          expect(headers['webhook-signature']).toBe(nodeSignature(secret, id, String(ts), body));
        },
      ),
    );
  });
});
