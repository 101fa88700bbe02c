import { z } from 'zod';
import { acceptedEventSchema } from '../event/accepted-event';
import { chunkBySize } from './message-size';

/**
 * One queue message: several accepted events of one tenant. Packing events into messages keeps
 * throughput off the per-message ceiling of Queues; the sender keeps each under the 128 KB limit.
 */
export const eventBatchMessageSchema = z.object({
  tenantId: z.string().min(1),
  events: z.array(acceptedEventSchema).min(1),
});
export type EventBatchMessage = z.infer<typeof eventBatchMessageSchema>;

/** Splits a tenant's events into messages that each stay under MAX_MESSAGE_BYTES. */
export function packEventMessages<E>(tenantId: string, events: E[]): { tenantId: string; events: E[] }[] {
  return chunkBySize(events).map((chunk) => ({ tenantId, events: chunk }));
}
