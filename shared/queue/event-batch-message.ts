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
  const messages: { tenantId: string; events: E[] }[] = [];
  let current: E[] = [];
  let size = 0;
  for (const event of events) {
    const bytes = new TextEncoder().encode(JSON.stringify(event)).length + 1;
    if (current.length > 0 && size + bytes > MAX_MESSAGE_BYTES) {
      messages.push({ tenantId, events: current });
      current = [];
      size = 0;
    }
    current.push(event);
    size += bytes;
  }
  if (current.length > 0) messages.push({ tenantId, events: current });
  return messages;
}
