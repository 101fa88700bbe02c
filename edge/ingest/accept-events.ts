import type { Principal } from '../../shared/auth/api-key';
import type { FieldIssue } from '../../shared/errors/app-error';
import { issuesFromZod } from '../../shared/errors/zod-issues';
import type { ReplicatedSchema } from '../../shared/tenant/replicated-config';
import type { WireEvent } from '../../shared/event/event-wire';
import { parseWireEvent } from '../../shared/event/parse-wire-event';
import { activeEventSchema } from '../config/tenant-config';
import type { Claim, ClaimResult } from '../dedup/claim';
import { claimEvents } from '../dedup/claim-events';
import type { EdgeEnv } from '../env';
import { shardPlacement } from '../placement/tenant-shards';
import { prepareClaim } from './prepare-claim';

export type EventResult =
  | { index: number; id: string; status: 'ACCEPTED' | 'DUPLICATE' | 'CONFLICT'; acceptedAt: string }
  | { index: number; id: string; status: 'UNAVAILABLE'; errors: FieldIssue[] }
  | { index: number; id?: string; status: 'INVALID'; errors: FieldIssue[] };

/**
 * The front door every event passes, alone (/ingest) or in a batch (/ingestBatch): each event is
 * validated against its schema's ACTIVE version and its id claimed in its DedupShard — one RPC per
 * shard for the whole batch. Each event gets its own result; none fails because another did.
 */
/** One event of a request: well-formed (with the path its errors are reported under), or not. */
export type IncomingEvent = { path: string } & ({ event: WireEvent } | { issues: FieldIssue[] });

/** Checks one raw event's shape; /ingest needs none of this, its contract already did it. */
export function parseEvent(raw: unknown, path: string): IncomingEvent {
  const parsed = parseWireEvent(raw);
  return parsed.success ? { path, event: parsed.data } : { path, issues: issuesFromZod(parsed.error, path) };
}

export async function acceptEvents(
  env: EdgeEnv,
  principal: Principal,
  events: IncomingEvent[],
  now = new Date(),
): Promise<EventResult[]> {
  const { tenantId } = principal;
  const results: EventResult[] = new Array(events.length);
  const claims: { index: number; claim: Claim }[] = [];
  const schemas = new Map<string, Promise<ReplicatedSchema | null>>();

  await Promise.all(
    events.map(async (incoming, index) => {
      if ('issues' in incoming) {
        results[index] = { index, status: 'INVALID', errors: incoming.issues };
        return;
      }
      const { event, path } = incoming;
      if (!schemas.has(event.schemaName)) {
        schemas.set(event.schemaName, activeEventSchema(env, tenantId, event.schemaName));
      }
      const prepared = await prepareClaim(event, await schemas.get(event.schemaName)!, now, path);
      if (prepared.ok) {
        claims.push({ index, claim: prepared.claim });
      } else {
        results[index] = { index, ...(event.id ? { id: event.id } : {}), status: 'INVALID', errors: prepared.issues };
      }
    }),
  );

  // Claims go out in the order sent, so an id repeated within a batch is judged in that order.
  claims.sort((a, b) => a.index - b.index);
  // Every schema of the tenant comes with the same, final jurisdiction (replicated-config.ts).
  const jurisdiction = (await Promise.all(schemas.values())).find((s) => s !== null)?.jurisdiction ?? null;
  const claimed = await claimEvents(
    env,
    tenantId,
    claims.map((c) => c.claim),
    shardPlacement(env, principal.placement, jurisdiction),
  );
  claims.forEach(({ index }, k) => {
    results[index] = toEventResult(index, claimed[k]!, `${events[index]!.path}.id`);
  });
  return results;
}

function toEventResult(index: number, claimed: ClaimResult, idPath: string): EventResult {
  if (claimed.status === 'unavailable') {
    const message = 'could not be claimed just now (the event was not accepted); send it again';
    return { index, id: claimed.id, status: 'UNAVAILABLE', errors: [{ path: idPath, message }] };
  }
  return {
    index,
    id: claimed.id,
    status: claimed.status.toUpperCase() as Uppercase<typeof claimed.status>,
    acceptedAt: claimed.acceptedAt,
  };
}
