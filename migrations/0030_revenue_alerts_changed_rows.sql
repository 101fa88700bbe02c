-- Revenue alerts (0024, 0026) checked, at each statement's end, every cycle_revenue row whose revenue
-- had moved since its last check by scanning the partial index of such rows — an index every batch's
-- updates leave full of dead entries until vacuum, so the check cost ~1.6 ms a rated batch, a seventh
-- of the metering statement (pg_stat_user_functions, bench:rater). Now each statement hands its
-- trigger the rollup rows it wrote (a transition table) and only their accounts' cycles are looked up,
-- by primary key. The same rows are found: each statement checks what it moved before it ends, so a
-- row moved and unchecked belongs to an account this statement wrote. The row trigger that keeps
-- cycle_revenue has run for every row by then (AFTER ROW events are queued before the statement's);
-- with ON CONFLICT DO UPDATE both statement triggers fire, and the first one checks each moved cycle
-- whole, the second finds it checked. A transition table cannot go with a column list: the UPDATE
-- trigger fires on any update of revenue_rollups, of which revenue is the only column ever updated.
CREATE OR REPLACE FUNCTION meterline_revenue_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    UPDATE cycle_revenue c SET alerted_revenue = c.revenue
      FROM (SELECT r.tenant_id, r.account_id, r.currency, r.cycle_start, r.alerted_revenue AS before
              FROM (SELECT DISTINCT tenant_id, account_id, currency FROM changed_rollups) w
              JOIN cycle_revenue r ON r.tenant_id = w.tenant_id AND r.account_id = w.account_id AND r.currency = w.currency
             WHERE r.revenue <> r.alerted_revenue) m
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
--> statement-breakpoint
DROP TRIGGER revenue_rollups_inserted_alerts ON revenue_rollups;
--> statement-breakpoint
DROP TRIGGER revenue_rollups_updated_alerts ON revenue_rollups;
--> statement-breakpoint
CREATE TRIGGER revenue_rollups_inserted_alerts AFTER INSERT ON revenue_rollups
  REFERENCING NEW TABLE AS changed_rollups FOR EACH STATEMENT EXECUTE FUNCTION meterline_revenue_alerts();
--> statement-breakpoint
CREATE TRIGGER revenue_rollups_updated_alerts AFTER UPDATE ON revenue_rollups
  REFERENCING NEW TABLE AS changed_rollups FOR EACH STATEMENT EXECUTE FUNCTION meterline_revenue_alerts();
