import { reservationRoutes } from '../../shared/api/reservation-routes';
import { createRouter } from './router';
import { requireScope, type Principal } from '../../shared/auth/api-key';
import { toFeatureCreditsWire } from '../../shared/entitlement/credit-wire';
import { featureDebits } from '../../shared/entitlement/feature-debits';
import { parseReservationId, settleEventId } from '../../shared/entitlement/reservation';
import { AppError, invalid } from '../../shared/errors/app-error';
import { activeEventSchema, tenantFeatures } from '../config/tenant-config';
import { claimEvents } from '../dedup/claim-events';
import type { EdgeEnv } from '../env';
import { prepareClaim } from '../ingest/prepare-claim';
import type { MoneyReservationOutcome } from '../ledger/ledger-spend';
import { ENTITLE_MAX_EVENT_AGE_MS, ledgerFor, type LedgerOwner } from '../ledger/ledger-protocol';
import { EVENT_TEXT, jsonBody } from '../middleware/json-body';
import { scoped } from '../middleware/require-scope';
import { shardPlacement } from '../placement/tenant-shards';
import { toSpendWire } from './account-spend';
import { creditsDenied, creditsReservationWire, moneyReservationWire, problem, spendDenied } from './reservation-wire';

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reservations (docs/design.md §15), answered by the account's AccountLedger: a hold on a feature's credits
 * while work of unknown cost runs, settled with the actual usage event or released. Settling
 * follows POST /entitled's path — the ledger records the debit PENDING, then the edge claims the
 * event in its DedupShard, marked as debited at the edge — with one difference: the ledger keeps
 * the claim, and its alarm makes it should the edge's not land, so a settle once recorded is
 * ingested exactly once even if nobody retries. `ingest` scope, as /entitled.
 *
 * With `currency` and no `featureId` the hold is of money, against the account's spend limit
 * (shared/spend/README.md); a reservation id names one reservation of either kind, and its GET,
 * settle and release ask the ledger which. A money settle ingests its event the same way, its
 * estimate pending until the rater's revenue for the event replaces it.
 */
export const reservationsRouter = createRouter();
reservationsRouter.use('/reservations', scoped('ingest'), jsonBody(4 * 1024));
reservationsRouter.use('/reservations/*', scoped('ingest'));
reservationsRouter.use('/reservations/:id/settle', jsonBody(MAX_BODY_BYTES, EVENT_TEXT));

reservationsRouter.openapi(reservationRoutes.reserve, async (c) => {
  const principal = c.get('principal');
  requireScope(principal, 'ingest');
  const request = c.req.valid('json');
  const { features, jurisdiction } = await tenantFeatures(c.env, principal.tenantId);
  const owner = { tenantId: principal.tenantId, accountId: request.accountId };
  const key = request.id ?? crypto.randomUUID();
  const ledger = ledgerFor(c.env, owner, { region: principal.placement?.region ?? null, jurisdiction });
  const ttlMs = request.ttlSeconds * 1000;
  if (request.featureId === undefined) {
    // The contract holds money when no featureId is given, and then needs a currency.
    const currency = request.currency ?? '';
    const outcome = await ledger
      .reserveMoney(owner, { key, amount: request.amount, currency, ttlMs })
      .catch(unavailable(owner));
    if (outcome.status === 'DENIED') {
      return c.json(spendDenied(owner, outcome), 403);
    }
    if (outcome.status === 'REFUSED') {
      throw problem(outcome);
    }
    return c.json(
      {
        reservation: moneyReservationWire(owner, outcome.reservation),
        balances: [],
        spend: toSpendWire(owner, outcome.spend),
      },
      outcome.created ? 201 : 200,
    );
  }
  const featureId = request.featureId;
  if (!features.some((f) => f.id === featureId && f.status === 'ACTIVE')) {
    throw invalid('invalid_body', [{ path: 'featureId', message: `no ACTIVE feature '${featureId}'` }]);
  }
  const outcome = await ledger
    .reserve(owner, { key, featureId, amount: request.amount, ttlMs })
    .catch(unavailable(owner));
  if (outcome.status === 'DENIED') {
    return c.json(creditsDenied(owner, outcome, 'hold'), 403);
  }
  if (outcome.status === 'REFUSED') {
    throw problem(outcome);
  }
  return c.json(
    {
      reservation: creditsReservationWire(owner, outcome.reservation),
      balances: outcome.balances.map(toFeatureCreditsWire),
    },
    outcome.created ? 201 : 200,
  );
});

reservationsRouter.openapi(reservationRoutes.read, async (c) => {
  const { owner, key, ledger } = await reservationOf(c.env, c.get('principal'), c.req.valid('param').reservationId);
  if ((await ledger.reservationKind(owner, key).catch(unavailable(owner))) === 'MONEY') {
    return c.json(moneyAnswer(owner, await ledger.moneyReservation(owner, key).catch(unavailable(owner))), 200);
  }
  const outcome = await ledger.reservation(owner, key).catch(unavailable(owner));
  if (outcome.status === 'REFUSED') {
    throw problem(outcome);
  }
  return c.json(
    {
      reservation: creditsReservationWire(owner, outcome.reservation),
      balances: outcome.balances.map(toFeatureCreditsWire),
    },
    200,
  );
});

reservationsRouter.openapi(reservationRoutes.release, async (c) => {
  const { owner, key, ledger } = await reservationOf(c.env, c.get('principal'), c.req.valid('param').reservationId);
  if ((await ledger.reservationKind(owner, key).catch(unavailable(owner))) === 'MONEY') {
    return c.json(moneyAnswer(owner, await ledger.releaseMoneyReservation(owner, key).catch(unavailable(owner))), 200);
  }
  const outcome = await ledger.releaseReservation(owner, key).catch(unavailable(owner));
  if (outcome.status === 'REFUSED') {
    throw problem(outcome);
  }
  return c.json(
    {
      reservation: creditsReservationWire(owner, outcome.reservation),
      balances: outcome.balances.map(toFeatureCreditsWire),
    },
    200,
  );
});

reservationsRouter.openapi(reservationRoutes.settle, async (c) => {
  const principal = c.get('principal');
  const id = c.req.valid('param').reservationId;
  const { owner, key } = await reservationOf(c.env, principal, id);
  const { event } = c.req.valid('json');
  if (event.accountId !== owner.accountId) {
    throw invalid('invalid_event', [
      { path: 'event.accountId', message: `must be '${owner.accountId}', the reservation's account` },
    ]);
  }
  const [schema, { features }] = await Promise.all([
    activeEventSchema(c.env, principal.tenantId, event.schemaName),
    tenantFeatures(c.env, principal.tenantId),
  ]);
  const now = new Date();
  // A retried settle must claim the same id: without one of the caller's, it is derived from the reservation.
  const prepared = await prepareClaim({ ...event, id: event.id ?? (await settleEventId(id)) }, schema, now);
  if (!prepared.ok) {
    throw invalid('invalid_event', prepared.issues);
  }
  const { claim } = prepared;
  if (Date.parse(claim.event.timestamp) < now.getTime() - ENTITLE_MAX_EVENT_AGE_MS) {
    throw invalid('invalid_event', [
      { path: 'event.timestamp', message: `must be at most ${ENTITLE_MAX_EVENT_AGE_MS / 3_600_000} hours old` },
    ]);
  }
  const { lines, issues } = featureDebits(claim.event, features);
  if (issues.length > 0) {
    throw invalid('invalid_event', issues);
  }

  const shards = shardPlacement(c.env, principal.placement, schema?.jurisdiction ?? null);
  const ledger = ledgerFor(c.env, owner, shards);
  const marked = { ...claim, event: { ...claim.event, debitedAtEdge: true as const } };
  const money = (await ledger.reservationKind(owner, key).catch(unavailable(owner))) === 'MONEY';
  const outcome = await (money
    ? ledger.settleMoneyReservation(owner, key, marked, lines, shards)
    : ledger.settleReservation(owner, key, marked, lines, shards)
  ).catch(unavailable(owner));
  if (outcome.status === 'DENIED' || outcome.status === 'FEATURE_DENIED') {
    return c.json(creditsDenied(owner, outcome, 'settle'), 403);
  }
  if (outcome.status === 'REFUSED') {
    throw problem(outcome);
  }

  const [claimed] = await claimEvents(c.env, principal.tenantId, [outcome.claim], shards);
  if (!claimed || claimed.status === 'unavailable') {
    // Recorded: the ledger's alarm claims the event if no retry does first. A retry is safe.
    throw new AppError(
      'unavailable',
      'dedup_unavailable',
      'The settle is recorded but its event could not be claimed just now; send the settle again (it is safe)',
    );
  }
  if (claimed.status === 'conflict') {
    await ledger.undoSettle(outcome.claim.id);
    throw new AppError(
      'conflict',
      'event_id_conflict',
      `Event id '${claimed.id}' was accepted at ${claimed.acceptedAt} with a different payload; the reservation is released`,
      [{ path: 'event.id', message: 'already used for a different event' }],
    );
  }
  return c.json(
    {
      ...('spend' in outcome
        ? { reservation: moneyReservationWire(owner, outcome.reservation), spend: toSpendWire(owner, outcome.spend) }
        : { reservation: creditsReservationWire(owner, outcome.reservation) }),
      event: {
        eventId: claimed.id,
        status: claimed.status === 'accepted' ? ('ACCEPTED' as const) : ('DUPLICATE' as const),
        acceptedAt: claimed.acceptedAt,
      },
      balances: outcome.balances.map(toFeatureCreditsWire),
    },
    200,
  );
});

/** The account a reservation id names, and its ledger where the tenant's features live. */
async function reservationOf(env: EdgeEnv, principal: Principal, id: string) {
  requireScope(principal, 'ingest');
  const parsed = parseReservationId(id);
  if (!parsed) {
    throw invalid('invalid_path', [{ path: 'reservationId', message: 'is not a reservation id (rsv_…)' }]);
  }
  const owner: LedgerOwner = { tenantId: principal.tenantId, accountId: parsed.accountId };
  const { jurisdiction } = await tenantFeatures(env, principal.tenantId);
  // The same placement as POST /reservations and the settle's shards: the same object.
  const ledger = ledgerFor(env, owner, { region: principal.placement?.region ?? null, jurisdiction });
  return { owner, key: parsed.key, ledger };
}

function unavailable(owner: LedgerOwner) {
  return (error: unknown): never => {
    console.error(`ledger of account '${owner.accountId}' failed`, error);
    throw new AppError(
      'unavailable',
      'ledger_unavailable',
      'The account ledger is briefly unavailable; send the request again (it is safe with the same id)',
    );
  };
}

/** A money reservation as read or released, with the account's spend. */
function moneyAnswer(owner: LedgerOwner, outcome: MoneyReservationOutcome) {
  if (outcome.status === 'REFUSED') {
    throw problem(outcome);
  }
  return {
    reservation: moneyReservationWire(owner, outcome.reservation),
    balances: [],
    spend: toSpendWire(owner, outcome.spend),
  };
}
