import { ingestRoutes } from '../../shared/api/ingest-routes';
import { createRouter } from './router';
import { requireScope } from '../../shared/auth/api-key';
import { AppError, invalid } from '../../shared/errors/app-error';
import { acceptEvents } from '../ingest/accept-events';
import { EVENT_TEXT, jsonBody } from '../middleware/json-body';
import { scoped } from '../middleware/require-scope';

const MAX_EVENT_BYTES = 64 * 1024;

/**
 * POST /ingest — Togai's single-event ingestion. 202 when the event is accepted (stored in its
 * shard and on its way to the rater), and 202 too when the id was already accepted with this
 * payload: Togai answers a retry as it answered the first send (its client maps only 202), and
 * `details.status` says DUPLICATE. 409 when the id was accepted with a different payload.
 */
export const ingestRouter = createRouter();
ingestRouter.use(ingestRoutes.ingest.path, scoped('ingest'), jsonBody(MAX_EVENT_BYTES, EVENT_TEXT));
ingestRouter.openapi(ingestRoutes.ingest, async (c) => {
  const principal = c.get('principal');
  requireScope(principal, 'ingest');
  const { event } = c.req.valid('json');

  const [result] = await acceptEvents(c.env, principal, [{ path: 'event', event }]);
  if (!result) {
    throw new AppError('internal', 'claim_failed', 'The event could not be claimed');
  }
  if (result.status === 'INVALID') {
    throw invalid('invalid_event', result.errors);
  }
  if (result.status === 'UNAVAILABLE') {
    throw new AppError(
      'unavailable',
      'dedup_unavailable',
      'The event could not be accepted just now; send it again',
      result.errors,
    );
  }
  if (result.status === 'CONFLICT') {
    throw new AppError(
      'conflict',
      'event_id_conflict',
      `Event id '${result.id}' was accepted at ${result.acceptedAt} with a different payload`,
      [{ path: 'event.id', message: 'already used for a different event' }],
    );
  }
  const accepted = result.status === 'ACCEPTED';
  return c.json(
    {
      success: true,
      statusCode: 202,
      message: accepted ? 'Event accepted' : 'Duplicate: this event was already accepted',
      details: { eventId: result.id, status: result.status, acceptedAt: result.acceptedAt },
    },
    202,
  );
});
