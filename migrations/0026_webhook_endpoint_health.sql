CREATE TABLE "webhook_messages" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "event_type" text DEFAULT 'alert.threshold_crossed' NOT NULL;--> statement-breakpoint
-- The delivery log is newest first by seq: deliveries made before this migration are numbered in
-- the order they were created (an identity added at once would number them in heap order).
ALTER TABLE "webhook_deliveries" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "webhook_deliveries" d SET "seq" = o.n
  FROM (SELECT tenant_id, incident_id, endpoint_id,
               row_number() OVER (ORDER BY created_at, tenant_id, incident_id, endpoint_id) AS n
          FROM "webhook_deliveries") o
 WHERE d.tenant_id = o.tenant_id AND d.incident_id = o.incident_id AND d.endpoint_id = o.endpoint_id;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ALTER COLUMN "seq" ADD GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
SELECT setval('webhook_deliveries_seq_seq', COALESCE((SELECT max("seq") FROM "webhook_deliveries"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_log" ON "webhook_deliveries" USING btree ("tenant_id","endpoint_id","seq");--> statement-breakpoint
-- A crossing while an endpoint is DISABLED is not lost: its delivery is written HELD, and goes out
-- when the endpoint is enabled (rater/store/webhook-endpoints.ts). Otherwise the functions of 0022
-- and 0024 as they were.
CREATE OR REPLACE FUNCTION meterline_usage_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_before numeric := CASE WHEN TG_OP = 'UPDATE' THEN OLD.quantity ELSE 0 END;
BEGIN
  IF NEW.quantity = v_before THEN RETURN NULL; END IF;
  WITH fired AS (
    INSERT INTO alert_incidents (tenant_id, alert_id, alert_version, template_id, account_id, subject_id,
                                 threshold_index, threshold, value_before, value_after, cycle_start, cycle_end)
    SELECT a.tenant_id, a.id, a.version, a.template_id, NEW.account_id, NEW.meter_id,
           (t.ord - 1)::integer, t.value, v_before, NEW.quantity, NEW.cycle_start, NEW.cycle_end
    FROM alerts a, unnest(a.thresholds) WITH ORDINALITY AS t(value, ord)
    WHERE a.tenant_id = NEW.tenant_id AND a.template_id = 'USAGE_THRESHOLD' AND a.subject_id = NEW.meter_id
      AND a.status = 'ACTIVE' AND (a.account_id IS NULL OR a.account_id = NEW.account_id)
      AND (a.valid_until IS NULL OR a.valid_until > now())
      AND v_before < t.value AND NEW.quantity >= t.value
    ORDER BY a.id, t.ord
    RETURNING tenant_id, id)
  INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id, status)
  SELECT f.tenant_id, f.id, e.id, CASE WHEN e.status = 'DISABLED' THEN 'HELD' ELSE 'PENDING' END
  FROM fired f JOIN webhook_endpoints e ON e.tenant_id = f.tenant_id AND e.status IN ('ACTIVE', 'DISABLED');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION meterline_revenue_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    UPDATE cycle_revenue c SET alerted_revenue = c.revenue
      FROM (SELECT tenant_id, account_id, currency, cycle_start, alerted_revenue AS before
              FROM cycle_revenue WHERE revenue <> alerted_revenue) m
     WHERE c.tenant_id = m.tenant_id AND c.account_id = m.account_id AND c.currency = m.currency AND c.cycle_start = m.cycle_start
    RETURNING c.tenant_id, c.account_id, c.currency, c.cycle_start, c.cycle_end, m.before, c.revenue AS after
  ), fired AS (
    INSERT INTO alert_incidents (tenant_id, alert_id, alert_version, template_id, account_id, subject_id,
                                 threshold_index, threshold, value_before, value_after, cycle_start, cycle_end)
    SELECT a.tenant_id, a.id, a.version, a.template_id, m.account_id, m.currency,
           (t.ord - 1)::integer, t.value, m.before, m.after, m.cycle_start, m.cycle_end
    FROM moved m
    JOIN alerts a ON a.tenant_id = m.tenant_id AND a.template_id = 'REVENUE_THRESHOLD' AND a.subject_id = m.currency
                 AND a.status = 'ACTIVE' AND (a.account_id IS NULL OR a.account_id = m.account_id)
                 AND (a.valid_until IS NULL OR a.valid_until > now())
    CROSS JOIN LATERAL unnest(a.thresholds) WITH ORDINALITY AS t(value, ord)
    WHERE m.before < t.value AND m.after >= t.value
    ORDER BY m.account_id, m.cycle_start, a.id, t.ord
    RETURNING tenant_id, id)
  INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id, status)
  SELECT f.tenant_id, f.id, e.id, CASE WHEN e.status = 'DISABLED' THEN 'HELD' ELSE 'PENDING' END
  FROM fired f JOIN webhook_endpoints e ON e.tenant_id = f.tenant_id AND e.status IN ('ACTIVE', 'DISABLED');
  RETURN NULL;
END $$;
