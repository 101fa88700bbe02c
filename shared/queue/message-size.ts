/**
 * Cloudflare Queues' limits, in one place: a message at most 128 KB, a sendBatch at most 100
 * messages and 256 KB in all. Messages are packed to MAX_MESSAGE_BYTES, sends grouped below both.
 */
export const MAX_MESSAGE_BYTES = 100_000;
const MAX_SEND_MESSAGES = 100;
const MAX_SEND_BYTES = 240_000;

/** Consecutive runs of `items` whose JSON stays under `maxBytes` (one item alone may not). */
export function chunkBySize<E>(items: E[], maxBytes = MAX_MESSAGE_BYTES): E[][] {
  const chunks: E[][] = [];
  let current: E[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = utf8Length(JSON.stringify(item)) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) {
    chunks.push(current);
  }
  return chunks;
}

/** Message bodies grouped into sendBatch calls Queues accepts: ≤ 100 messages, ≤ 256 KB each call. */
export function sendBatches<B>(bodies: B[]): { body: B; contentType: 'json' }[][] {
  return chunkBySize(bodies, MAX_SEND_BYTES).flatMap((group) => {
    const calls: { body: B; contentType: 'json' }[][] = [];
    for (let i = 0; i < group.length; i += MAX_SEND_MESSAGES) {
      calls.push(group.slice(i, i + MAX_SEND_MESSAGES).map((body) => ({ body, contentType: 'json' as const })));
    }
    return calls;
  });
}

const ENCODER = new TextEncoder();
const NON_ASCII = /[^\u0000-\u007f]/;

/** Bytes of `text` as UTF-8; most event JSON is ASCII, counted without encoding it. */
function utf8Length(text: string): number {
  return NON_ASCII.test(text) ? ENCODER.encode(text).length : text.length;
}
