import { eventRoutes as routes } from '../../shared/api/event-routes';
import { meterlineStatusOf, togaiStatusOf } from '../../shared/api/event-status';
import { AppError, invalid } from '../../shared/errors/app-error';
import { sendCreditChanges } from '../pipeline/send-credit-changes';
import { sendMessages, sendSpendAdjustments } from '../pipeline/send-spend-adjustments';
import { spendAdjustmentsAfter } from '../store/spend-adjustments';
import { correctEvent } from '../pipeline/correct-event';
import { replayFailedEvents } from '../pipeline/replay-failed-events';
import { replayParkedMessages } from '../pipeline/replay-parked-messages';
import { hasParkedMessage, listParkedMessages } from '../store/parked-messages';
import { findEvent, hasEvent, listEvents } from '../store/events';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { createRouter } from './router';

/** Togai's /events API: each event the rater consumed, as received, and what happened to it. */
export const eventRoutes = createRouter()
  .openapi(routes.get, async (c) => {
    const { id } = c.req.valid('param');
    const event = await findEvent(c.env.db, c.env.principal.tenantId, id);
    // The edge answered 2xx before the rater saw the event (docs/design.md §5): an id it accepted a moment
    // ago may still be in the queue. Only the DedupShard could tell, and it is not asked here.
    if (!event) {
      throw new AppError(
        'not_found',
        'event_not_found',
        `No event '${id}' has been processed. An event accepted moments ago may still be on its way to the rater; retry in a few seconds.`,
      );
    }
    return c.json({ events: [event] }, 200);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize, status, ...filter } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => hasEvent(db, principal.tenantId, id));
    const rows = await listEvents(db, principal.tenantId, {
      ...filter,
      status: status === undefined ? undefined : meterlineStatusOf(status),
      afterId,
      limit: pageSize + 1,
    });
    const { data, nextToken: next } = toPage(rows, pageSize, (e) => e.eventPayload.id);
    // Togai's GetEventsResponse holds 1 to 50 events: its client cannot read an empty list (a
    // validation error, not an API error), so "nothing matches" is a 404 problem it can catch.
    if (data.length === 0) {
      throw new AppError('not_found', 'no_events', 'No events match these filters (or no more after this nextToken).');
    }
    return c.json({ events: data, ...(next === undefined ? {} : { nextToken: next }) }, 200);
  })
  .openapi(routes.correct, async (c) => {
    const { db, principal, ledgerQueue } = c.env;
    const { action, requireConfirmation } = c.req.valid('query');
    if (requireConfirmation === 'true') {
      throw invalid('invalid_query', [
        {
          path: 'requireConfirmation',
          message: 'Meterline corrects synchronously, without a confirmation step: send false or leave it out',
        },
      ]);
    }
    const { event } = c.req.valid('json');
    const outcome = await correctEvent(db, principal.tenantId, action, { ...event, id: event.id! }, new Date());
    // Committed: the credits it gives back or debits go to the ledger now; if this send is lost,
    // the stale sweep sends them (they stay owed until the ledger confirms them).
    await sendCreditChanges(ledgerQueue, db, principal.tenantId, [outcome.eventId]).catch((error: unknown) =>
      console.error(
        `credit changes of corrected event '${outcome.eventId}' could not be sent now; the stale sweep sends them`,
        error,
      ),
    );
    await sendSpendAdjustments(ledgerQueue, db, principal.tenantId, outcome.accountIds).catch((error: unknown) =>
      console.error(`spend changed by correcting '${outcome.eventId}' not sent now; the stale sweep sends it`, error),
    );
    const after = (await findEvent(db, principal.tenantId, outcome.eventId))!;
    const reason = outcome.changed
      ? `${action}: ${togaiStatusOf[outcome.from]} → ${togaiStatusOf[outcome.to]}`
      : `${action}: the event was already REVERTED; nothing changed`;
    const { referenceId, eventPayload, ingestionStatus, createdAt } = after;
    return c.json(
      {
        data: [
          {
            referenceId,
            eventPayload,
            ingestionStatus,
            createdAt,
            status: action === 'UNDO' ? ('REVERTED' as const) : ('REVERTED_AND_REINGESTED' as const),
            reason,
          },
        ],
      },
      200,
    );
  })
  .openapi(routes.replay, async (c) => {
    const { db, principal, ledgerQueue } = c.env;
    const { eventIds, parkedMessageIds, limit } = c.req.valid('json');
    const everything = eventIds === undefined && parkedMessageIds === undefined;
    const events = everything || eventIds ? await replayFailedEvents(db, principal.tenantId, { eventIds, limit }) : [];
    // What the replays rated, for accounts with a spend limit: sent now (else by the stale sweep).
    await spendAdjustmentsAfter(
      db,
      principal.tenantId,
      events.map((e) => e.id),
    )
      .then((messages) => sendMessages(ledgerQueue, messages))
      .catch((error: unknown) =>
        console.error('spend rated by replayed events not sent now; the stale sweep sends it', error),
      );
    const parkedMessages =
      everything || parkedMessageIds
        ? await replayParkedMessages(db, ledgerQueue, principal.tenantId, { ids: parkedMessageIds, limit })
        : [];
    return c.json(
      {
        replayed: events.length + parkedMessages.filter((m) => m.status === 'REPLAYED').length,
        events: events.map((e) => ({ ...e, status: togaiStatusOf[e.status] })),
        parkedMessages,
      },
      200,
    );
  })
  .openapi(routes.parked, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => hasParkedMessage(db, principal.tenantId, id));
    const rows = await listParkedMessages(db, principal.tenantId, { afterId, limit: pageSize + 1 });
    return c.json(
      toPage(rows, pageSize, (m) => m.id),
      200,
    );
  });
