import { describe, expect, it } from 'vitest';
import { chunkBySize, MAX_MESSAGE_BYTES, sendBatches } from './message-size';

describe('Queues limits', () => {
  it('packs items into messages under the message limit, in order', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: `item-${i}`, pad: 'x'.repeat(60) }));
    const chunks = chunkBySize(items);
    expect(chunks.flat()).toEqual(items);
    for (const chunk of chunks) {
      expect(JSON.stringify(chunk).length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    }
  });

  it('counts bytes, not characters, for text beyond ASCII', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `item-${i}`, pad: 'é€😀'.repeat(20) }));
    const chunks = chunkBySize(items);
    expect(chunks.flat()).toEqual(items);
    for (const chunk of chunks) {
      expect(new TextEncoder().encode(JSON.stringify(chunk)).length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    }
  });

  it('groups sends under 256 KB and 100 messages each, whatever the message sizes', () => {
    const big = Array.from({ length: 7 }, (_, i) => ({ n: i, pad: 'x'.repeat(99_000) }));
    const bigCalls = sendBatches(big);
    expect(bigCalls.map((c) => c.length)).toEqual([2, 2, 2, 1]);
    const small = Array.from({ length: 250 }, (_, i) => ({ n: i }));
    expect(sendBatches(small).map((c) => c.length)).toEqual([100, 100, 50]);
    for (const call of [...bigCalls, ...sendBatches(small)]) {
      expect(JSON.stringify(call.map((m) => m.body)).length).toBeLessThan(256 * 1024);
    }
    expect(
      sendBatches(small)
        .flat()
        .map((m) => m.body),
    ).toEqual(small);
  });
});
