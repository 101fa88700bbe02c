import { Hono } from 'hono';
import { z } from 'zod';
import { ingestRoutes, MAX_BATCH_EVENTS } from '../../shared/api/ingest-routes';
import { requireScope } from '../../shared/auth/api-key';
import { AppError, invalid } from '../../shared/errors/app-error';
import { issuesFromZod } from '../../shared/errors/zod-issues';
import type { EdgeHono } from '../hono-env';
import { acceptEvents, parseEvent } from '../ingest/accept-events';
import { EVENT_TEXT, jsonBody } from '../middleware/json-body';
import { scoped } from '../middleware/require-scope';

const MAX_BATCH_BYTES = 5 * 1024 * 1024;

/** Only the envelope is checked whole; each event is judged alone (acceptEvents). */
const envelope = z.strictObject({ events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS) });

/**
 * POST /ingestBatch. Registered outside the contract validator on purpose: the contract (shared/
 * api/ingest-routes.ts) documents the events, but validating them all-or-nothing would refuse a
 * whole batch for one bad event. 202 when every event is ACCEPTED or a DUPLICATE; 207 otherwise — UNAVAILABLE events
 * (a shard failed) are safe to send again.
 */
export const ingestBatchRouter = new Hono<EdgeHono>().post(
  ingestRoutes.ingestBatch.path,
  scoped('ingest'),
  jsonBody(MAX_BATCH_BYTES, EVENT_TEXT),
  async (c) => {
    const principal = c.get('principal');
    requireScope(principal, 'ingest');
    const body = envelope.safeParse(await c.req.json());
    if (!body.success) {
      throw invalid('invalid_batch', issuesFromZod(body.error));
    }

    const results = await acceptEvents(
      c.env,
      principal,
      body.data.events.map((raw, i) => parseEvent(raw, `events.${i}`)),
    );
    if (results.every((r) => r.status === 'UNAVAILABLE')) {
      throw new AppError(
        'unavailable',
        'dedup_unavailable',
        'No event could be accepted just now; send the batch again',
      );
    }
    const accepted = results.filter((r) => r.status === 'ACCEPTED').length;
    const duplicates = results.filter((r) => r.status === 'DUPLICATE').length;
    const rejected = results.length - accepted - duplicates;
    const status = rejected === 0 ? 202 : 207;
    return c.json(
      {
        success: rejected === 0,
        statusCode: status,
        message:
          rejected === 0
            ? `${accepted} accepted, ${duplicates} duplicates`
            : `${rejected} of ${results.length} events were not accepted`,
        details: { accepted, duplicates, rejected, events: results },
      },
      status,
    );
  },
);
