CREATE TABLE "cycle_revenue" (
	"tenant_id" text NOT NULL,
	"account_id" text NOT NULL,
	"currency" text NOT NULL,
	"cycle_start" timestamp with time zone NOT NULL,
	"cycle_end" timestamp with time zone NOT NULL,
	"revenue" numeric NOT NULL,
	"alerted_revenue" numeric NOT NULL,
	CONSTRAINT "cycle_revenue_tenant_id_account_id_currency_cycle_start_pk" PRIMARY KEY("tenant_id","account_id","currency","cycle_start")
);
--> statement-breakpoint
CREATE INDEX "cycle_revenue_unalerted" ON "cycle_revenue" USING btree ("tenant_id") WHERE revenue <> alerted_revenue;--> statement-breakpoint
-- Revenue alerts fire inside the transaction that writes the revenue (docs/design.md §15), as usage
-- alerts do (0022). Every path that rates — the metering statement (0019), a backdated association's
-- catch-up and a correction (rater/pipeline/write-revenue.ts) — adds to revenue_rollups in one
-- statement, so triggers there keep cycle_revenue, the account's revenue per cycle and currency, and,
-- when that statement ends, record each threshold its change crossed and the webhook deliveries of
-- the crossing, in the same transaction.
--
-- A rollup minute belongs to the latest cycle of the account that rated the meter in it (a minute
-- that straddles a cycle's start counts in that cycle); the cycle_usage row of that rating is
-- written by the same statement, before these AFTER triggers run.
CREATE OR REPLACE FUNCTION meterline_rated_cycle(p_tenant text, p_account text, p_meter text, p_currency text, p_bucket timestamptz)
RETURNS TABLE (cycle_start timestamptz, cycle_end timestamptz) LANGUAGE sql STABLE AS $$
  SELECT c.cycle_start, c.cycle_end FROM cycle_usage c
   WHERE c.tenant_id = p_tenant AND c.account_id = p_account AND c.meter_id = p_meter AND c.currency = p_currency
     AND c.cycle_start < p_bucket + interval '1 minute' AND c.cycle_end > p_bucket
   ORDER BY c.cycle_start DESC LIMIT 1
$$;
--> statement-breakpoint
-- Revenue rated before this migration, already checked: the first crossing after it is measured from the truth.
INSERT INTO cycle_revenue (tenant_id, account_id, currency, cycle_start, cycle_end, revenue, alerted_revenue)
SELECT r.tenant_id, r.account_id, r.currency, c.cycle_start, max(c.cycle_end), sum(r.revenue), sum(r.revenue)
  FROM revenue_rollups r
  CROSS JOIN LATERAL meterline_rated_cycle(r.tenant_id, r.account_id, r.meter_id, r.currency, r.bucket) c
 GROUP BY r.tenant_id, r.account_id, r.currency, c.cycle_start;
--> statement-breakpoint
-- Row by row: each rollup's change joins its cycle's revenue. Its alerts wait for the statement's end,
-- so a batch is checked as one change — not meter by meter in the order the rows happen to be written.
CREATE OR REPLACE FUNCTION meterline_cycle_revenue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_delta numeric := NEW.revenue - CASE WHEN TG_OP = 'UPDATE' THEN OLD.revenue ELSE 0 END;
  v_cycle record;
BEGIN
  IF v_delta = 0 THEN RETURN NULL; END IF;
  SELECT * INTO v_cycle FROM meterline_rated_cycle(NEW.tenant_id, NEW.account_id, NEW.meter_id, NEW.currency, NEW.bucket);
  IF NOT FOUND THEN RETURN NULL; END IF;
  INSERT INTO cycle_revenue AS t (tenant_id, account_id, currency, cycle_start, cycle_end, revenue, alerted_revenue)
  VALUES (NEW.tenant_id, NEW.account_id, NEW.currency, v_cycle.cycle_start, v_cycle.cycle_end, v_delta, 0)
  ON CONFLICT (tenant_id, account_id, currency, cycle_start) DO UPDATE SET revenue = t.revenue + excluded.revenue;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER revenue_rollups_cycle_revenue AFTER INSERT OR UPDATE OF revenue ON revenue_rollups
  FOR EACH ROW EXECUTE FUNCTION meterline_cycle_revenue();
--> statement-breakpoint
-- At the statement's end: every cycle whose revenue moved since its alerts were checked (only this
-- transaction's rows can be: each statement checks what it moved before it ends, and the rows it
-- moved stay locked by it) fires the REVENUE_THRESHOLD alerts its change crossed — the twin of
-- 0022's meterline_usage_alerts, the currency as subject — and is marked checked. A redelivered
-- batch rates nothing, so it fires nothing; a correction that lowers the revenue re-arms the
-- thresholds it falls below by that fall alone.
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
  INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id)
  SELECT f.tenant_id, f.id, e.id FROM fired f JOIN webhook_endpoints e ON e.tenant_id = f.tenant_id AND e.status = 'ACTIVE';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER revenue_rollups_inserted_alerts AFTER INSERT ON revenue_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION meterline_revenue_alerts();
--> statement-breakpoint
CREATE TRIGGER revenue_rollups_updated_alerts AFTER UPDATE OF revenue ON revenue_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION meterline_revenue_alerts();
--> statement-breakpoint
-- Secret rotation: the previous secret signs beside the new one until it expires.
ALTER TABLE "webhook_endpoints" ADD COLUMN "previous_secret" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "previous_secret_expires_at" timestamp with time zone;
