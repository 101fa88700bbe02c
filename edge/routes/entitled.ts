import { entitlementRoutes, type EntitledResponse } from '../../shared/api/entitlement-routes';
import { createRouter } from './router';
import { requireScope } from '../../shared/auth/api-key';
import { exactNumber } from '../../shared/api/exact-number';
import { toFeatureCreditsWire } from '../../shared/entitlement/credit-wire';
import { featureDebits } from '../../shared/entitlement/feature-debits';
import { AppError, invalid } from '../../shared/errors/app-error';
import { activeEventSchema, tenantFeatures } from '../config/tenant-config';
import { claimEvents } from '../dedup/claim-events';
import { shardPlacement } from '../placement/tenant-shards';
import { prepareClaim } from '../ingest/prepare-claim';
import { ENTITLE_MAX_EVENT_AGE_MS, ledgerFor } from '../ledger/ledger-protocol';
import { EVENT_TEXT, jsonBody } from '../middleware/json-body';
import { scoped } from '../middleware/require-scope';

const MAX_EVENT_BYTES = 64 * 1024;

/**
 * POST /entitled (docs/design.md §8): validate the event as /ingest does, debit its account's credits in
 * the account's AccountLedger — every feature the event consumes, or none — and only then claim
 * its id, which ingests it. The order matters: a refused event is never claimed, so it can be sent
 * again after a top-up; a debit whose claim fails is refunded (at once when the id belongs to
 * another event, by the ledger's alarm when the claim's fate is unknown).
 */
export const entitledRouter = createRouter();
entitledRouter.use(entitlementRoutes.entitled.path, scoped('ingest'), jsonBody(MAX_EVENT_BYTES, EVENT_TEXT));
entitledRouter.openapi(entitlementRoutes.entitled, async (c) => {
  const principal = c.get('principal');
  requireScope(principal, 'ingest');
  const { tenantId } = principal;
  const { event } = c.req.valid('json');

  const [schema, features] = await Promise.all([
    activeEventSchema(c.env, tenantId, event.schemaName),
    tenantFeatures(c.env, tenantId),
  ]);
  const now = new Date();
  const prepared = await prepareClaim(event, schema, now);
  if (!prepared.ok) {
    throw invalid('invalid_event', prepared.issues);
  }
  const { claim } = prepared;
  // The ledger remembers a debit only as long as a retry of the same call can arrive: a retry is
  // the same event, so an old timestamp is what a retry after that would carry (ledger-protocol.ts).
  if (Date.parse(claim.event.timestamp) < now.getTime() - ENTITLE_MAX_EVENT_AGE_MS) {
    throw invalid('invalid_event', [
      {
        path: 'event.timestamp',
        message: `must be at most ${ENTITLE_MAX_EVENT_AGE_MS / 3_600_000} hours old for /entitled; send older usage to /ingest`,
      },
    ]);
  }
  const { lines, issues } = featureDebits(claim.event, features.features);
  if (issues.length > 0) {
    throw invalid('invalid_event', issues);
  }
  if (lines.length === 0) {
    return c.json(
      refused(claim.id, `No ACTIVE feature is consumed by events of schema '${event.schemaName}'`, {
        reason: 'NO_FEATURE',
        balances: [],
      }),
      403,
    );
  }

  const owner = { tenantId, accountId: claim.event.accountId };
  // The jurisdiction that comes with the schema is final; the key's may be stale.
  const shards = shardPlacement(c.env, principal.placement, schema?.jurisdiction ?? null);
  const ledger = ledgerFor(c.env, owner, shards);
  const outcome = await ledger.entitle(owner, { eventId: claim.id, lines }, shards).catch((error: unknown) => {
    console.error(`ledger of account '${owner.accountId}' failed`, error);
    throw new AppError(
      'unavailable',
      'ledger_unavailable',
      'The account ledger is briefly unavailable; send the event again',
    );
  });
  if (outcome.status === 'DENIED') {
    const { reason, featureId, available, balances } = outcome;
    const why = reason === 'NO_GRANT' ? 'has no credits for' : `has ${available} left of`;
    const details = {
      reason,
      featureId,
      available: exactNumber(available),
      balances: balances.map(toFeatureCreditsWire),
    };
    return c.json(refused(claim.id, `Account '${owner.accountId}' ${why} feature '${featureId}'`, details), 403);
  }

  // Marked as debited here, so the rater owes no second debit (the hash was taken before: a
  // repeat through /ingest with the same payload is still a duplicate).
  const [claimed] = await claimEvents(
    c.env,
    tenantId,
    [{ ...claim, event: { ...claim.event, debitedAtEdge: true } }],
    shards,
  );
  if (!claimed || claimed.status === 'unavailable') {
    // The debit stays PENDING: a retry finds it and claims again; otherwise the ledger refunds it.
    throw new AppError('unavailable', 'dedup_unavailable', 'The event could not be accepted just now; send it again', [
      { path: 'event.id', message: 'could not be claimed just now (the event was not accepted); send it again' },
    ]);
  }
  if (claimed.status === 'conflict') {
    // Only this call's own debit is undone; an earlier one (ALREADY_DEBITED) belongs to that call.
    if (outcome.status === 'ENTITLED') {
      await ledger.refund(claim.id);
    }
    throw new AppError(
      'conflict',
      'event_id_conflict',
      `Event id '${claimed.id}' was accepted at ${claimed.acceptedAt} with a different payload`,
      [{ path: 'event.id', message: 'already used for a different event' }],
    );
  }
  const status = claimed.status === 'accepted' ? 'ACCEPTED' : 'DUPLICATE';
  const body: EntitledResponse = {
    success: true,
    statusCode: 200,
    message:
      status === 'ACCEPTED'
        ? 'Entitled: credits debited, event accepted'
        : 'Entitled: this event was already accepted and debited',
    details: {
      entitled: true,
      eventId: claim.id,
      status,
      acceptedAt: claimed.acceptedAt,
      balances: outcome.balances.map(toFeatureCreditsWire),
    },
  };
  return c.json(body, 200);
});

function refused(
  eventId: string,
  message: string,
  details: Omit<EntitledResponse['details'], 'entitled' | 'eventId'>,
): EntitledResponse {
  return { success: false, statusCode: 403, message, details: { entitled: false, eventId, ...details } };
}
