-- A parked ledger message no longer takes its debits out of the ledger outbox: they stay, marked
-- parked, until the edge confirms them, so a replay sends only debits still owed.
ALTER TABLE "ledger_outbox" ADD COLUMN "parked_at" timestamp with time zone;--> statement-breakpoint
-- Debits of messages parked before this migration were taken out of the outbox when parked: they
-- go back, marked parked, so their replay still finds them owed.
INSERT INTO "ledger_outbox" ("tenant_id", "event_id", "account_id", "at", "lines", "parked_at")
SELECT p."tenant_id", d->>'eventId', p."body"::jsonb->>'accountId', (d->>'at')::bigint, d->'lines', p."parked_at"
FROM "parked_messages" p,
  jsonb_array_elements(CASE WHEN jsonb_typeof(p."body"::jsonb->'debits') = 'array' THEN p."body"::jsonb->'debits' ELSE '[]'::jsonb END) d
WHERE p."queue" = 'meterline-ledger' AND p."tenant_id" IS NOT NULL
  AND p."body"::jsonb->>'kind' = 'debits' AND jsonb_typeof(p."body"::jsonb->'accountId') = 'string'
  AND jsonb_typeof(d->'eventId') = 'string' AND d->>'at' ~ '^-?[0-9]{1,18}$' AND jsonb_typeof(d->'lines') = 'array'
ON CONFLICT DO NOTHING;
