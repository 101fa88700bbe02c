import { z } from 'zod';
import { acceptedEventSchema } from '../event/accepted-event';

/**
 * One queue message: several accepted events of one tenant. Packing events into messages keeps
 * throughput off the per-message ceiling of Queues; the sender keeps each under the 128 KB limit.
 */
export const eventBatchMessageSchema = z.object({
  tenantId: z.string().min(1),
  events: z.array(acceptedEventSchema).min(1),
});
export type EventBatchMessage = z.infer<typeof eventBatchMessageSchema>;

/** Queues rejects messages over 128 KB; stay clear of it, leaving room for the envelope. */
export const MAX_MESSAGE_BYTES = 100_000;

/** Splits a tenant's events into messages that each stay under MAX_MESSAGE_BYTES. */
export function packEventMessages<E>(tenantId: string, events: E[]): { tenantId: string; events: E[] }[] {
  return chunkBySize(events).map((chunk) => ({ tenantId, events: chunk }));
}

/** Consecutive runs of `items` whose JSON stays under MAX_MESSAGE_BYTES (one item alone may not). */
export function chunkBySize<E>(items: E[]): E[][] {
  const chunks: E[][] = [];
  let current: E[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = new TextEncoder().encode(JSON.stringify(item)).length + 1;
    if (current.length > 0 && size + bytes > MAX_MESSAGE_BYTES) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
