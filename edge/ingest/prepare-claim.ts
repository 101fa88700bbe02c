import type { FieldIssue } from '../../shared/errors/app-error';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import type { WireEvent } from '../../shared/event/event-wire';
import { validateEvent } from '../../shared/event/validate-event';
import { renderEventId } from '../../shared/idempotency/event-id-template';
import { payloadHash } from '../../shared/idempotency/payload-hash';
import type { Claim } from '../dedup/claim';
import { idStorageKey } from '../dedup/claimed-ids';

/**
 * Turns a well-formed event into a claim on its id: checked against the schema's ACTIVE version,
 * its id given, built from the schema's eventIdTemplate, or — when neither — generated (then
 * the client has no idempotency, which README says plainly).
 */
export async function prepareClaim(
  event: WireEvent,
  schema: EventSchema | null,
  now: Date,
  path = 'event',
): Promise<{ ok: true; claim: Claim } | { ok: false; issues: FieldIssue[] }> {
  if (!schema) {
    return {
      ok: false,
      issues: [{ path: `${path}.schemaName`, message: `no ACTIVE event schema named '${event.schemaName}'` }],
    };
  }
  const checked = validateEvent(event, schema, now, undefined, path);
  if (!checked.ok) {
    return checked;
  }

  let id = checked.event.id;
  if (id === undefined && schema.eventIdTemplate) {
    const rendered = renderEventId(schema.eventIdTemplate, checked.event);
    if ('missing' in rendered) {
      return {
        ok: false,
        issues: [
          { path: `${path}.id`, message: `no id given, and the schema's eventIdTemplate needs ${rendered.missing}` },
        ],
      };
    }
    id = rendered.id;
  }
  id ??= crypto.randomUUID();
  if (id.length > 512) {
    return { ok: false, issues: [{ path: `${path}.id`, message: 'is longer than 512 characters' }] };
  }

  const content = { ...checked.event, id };
  // acceptedAt is set by the shard; the hash covers exactly what the client sent, normalised.
  const [hash, key] = await Promise.all([payloadHash(content), idStorageKey(id)]);
  return { ok: true, claim: { id, key, payloadHash: hash, event: { ...content, acceptedAt: now.toISOString() } } };
}
