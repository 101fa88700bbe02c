// In your project: `npm install @meterline/client`, then import from '@meterline/client'.
import { MeterlineClient, NotEntitledError } from '../../../client/meterline-client';

/**
 * Your own API, metered by Meterline: each completion holds its worst case of tokens before the
 * model runs, and settles what it actually used when it ends. However many requests of one account
 * race, together they never spend past its budget — the hold is refused first (402 here).
 */
interface Env {
  METERLINE_URL: string;
  METERLINE_KEY: string;
  TOKENS_FEATURE: string;
  TOKENS_SCHEMA: string;
}

const MAX_TOKENS = 100;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== 'POST' || url.pathname !== '/v1/complete') {
      return new Response('Not found', { status: 404 });
    }
    const accountId = request.headers.get('x-account-id');
    if (!accountId) {
      return Response.json({ error: 'x-account-id header required' }, { status: 401 });
    }
    const { prompt } = (await request.json()) as { prompt: string };

    const meterline = new MeterlineClient({ baseUrl: env.METERLINE_URL, apiKey: env.METERLINE_KEY });
    try {
      const { result, settlement } = await meterline.withReservation(
        // The request id makes the whole call safe to retry: the same reservation, settled once.
        {
          id: request.headers.get('x-request-id') ?? undefined,
          accountId,
          featureId: env.TOKENS_FEATURE,
          amount: MAX_TOKENS,
          ttlSeconds: 120,
        },
        async () => {
          const completion = await complete(prompt);
          return {
            usage: {
              schemaName: env.TOKENS_SCHEMA,
              attributes: [{ name: 'tokens', value: String(completion.tokens) }],
            },
            result: completion,
          };
        },
      );
      return Response.json({ text: result?.text, tokens: result?.tokens, balance: settlement?.balances[0]?.balance });
    } catch (error) {
      if (error instanceof NotEntitledError) {
        return Response.json({ error: 'Out of tokens', available: error.available }, { status: 402 });
      }
      throw error;
    }
  },
};

/** A stand-in for the model: a word of output per word of prompt, ten tokens a word, at most MAX_TOKENS. */
async function complete(prompt: string): Promise<{ text: string; tokens: number }> {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  const tokens = Math.min(MAX_TOKENS, Math.max(1, words.length * 10));
  return { text: words.reverse().join(' '), tokens };
}
