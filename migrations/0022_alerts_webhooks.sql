CREATE TABLE "alert_incidents" (
	"tenant_id" text NOT NULL,
	"id" text DEFAULT gen_random_uuid()::text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "alert_incidents_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"alert_id" text NOT NULL,
	"alert_version" integer NOT NULL,
	"template_id" text NOT NULL,
	"account_id" text NOT NULL,
	"subject_id" text NOT NULL,
	"threshold_index" integer NOT NULL,
	"threshold" numeric NOT NULL,
	"value_before" numeric NOT NULL,
	"value_after" numeric NOT NULL,
	"cycle_start" timestamp with time zone NOT NULL,
	"cycle_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'TRIGGERED' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_incidents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"template_id" text NOT NULL,
	"status" text NOT NULL,
	"description" text,
	"interval" integer NOT NULL,
	"validity" integer,
	"valid_until" timestamp with time zone,
	"subject_id" text NOT NULL,
	"account_id" text,
	"parameters" jsonb NOT NULL,
	"thresholds" numeric[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"tenant_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_response_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_tenant_id_incident_id_endpoint_id_pk" PRIMARY KEY("tenant_id","incident_id","endpoint_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"secret" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "alert_incidents_seq" ON "alert_incidents" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "alerts_subject" ON "alerts" USING btree ("tenant_id","template_id","subject_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'PENDING';--> statement-breakpoint
-- Usage alerts fire inside the metering transaction (docs/design.md §15): cycle_usage's running total of a
-- meter in an account's billing cycle changes only there, under its row lock, so OLD and NEW are
-- the value before and after this transaction's events. A crossing (before < threshold <= after,
-- the SQL twin of shared/alert/threshold-crossings.ts) inserts its incident and one delivery per
-- ACTIVE webhook endpoint — the webhook outbox — in that same transaction. A redelivered batch
-- adds nothing to cycle_usage (the event id gate), so it fires nothing; a value that falls back
-- (a correction, a new cycle's row) re-arms the threshold by itself. meterline_meter_batch is
-- left as it is: the trigger watches the table it already writes.
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
  INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id)
  SELECT f.tenant_id, f.id, e.id FROM fired f JOIN webhook_endpoints e ON e.tenant_id = f.tenant_id AND e.status = 'ACTIVE';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cycle_usage_alerts AFTER INSERT OR UPDATE OF quantity ON cycle_usage
  FOR EACH ROW EXECUTE FUNCTION meterline_usage_alerts();
