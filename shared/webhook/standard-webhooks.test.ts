import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook } from './standard-webhooks';

describe('signWebhook', () => {
  it('matches the Standard Webhooks example vector', async () => {
    const headers = await signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('a changed body, id or time gives another signature', async () => {
    const secret = generateWebhookSecret();
    const base = (await signWebhook(secret, 'msg_1', 1, '{}'))['webhook-signature'];
    expect((await signWebhook(secret, 'msg_1', 1, '{ }'))['webhook-signature']).not.toBe(base);
    expect((await signWebhook(secret, 'msg_2', 1, '{}'))['webhook-signature']).not.toBe(base);
    expect((await signWebhook(secret, 'msg_1', 2, '{}'))['webhook-signature']).not.toBe(base);
  });

  it('signs with each secret of a rotation, the new one first, space-separated', async () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const both = await signWebhook([current, previous], 'msg_1', 7, '{}');
    const alone = async (secret: string) => (await signWebhook(secret, 'msg_1', 7, '{}'))['webhook-signature'];
    expect(both['webhook-signature']).toBe(`${await alone(current)} ${await alone(previous)}`);
    expect(both['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]{44} v1,[A-Za-z0-9+/=]{44}$/);
  });

  it('refuses to sign with no secret, or one that is not whsec_', async () => {
    await expect(signWebhook([], 'msg_1', 1, '{}')).rejects.toThrow('at least one secret');
    await expect(signWebhook([generateWebhookSecret(), 'plain'], 'msg_1', 1, '{}')).rejects.toThrow('whsec_');
  });

  it('makes secrets of 24 random bytes behind whsec_', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
