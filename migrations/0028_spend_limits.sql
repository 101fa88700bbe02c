CREATE SEQUENCE "public"."account_spend_limit_versions" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "account_spend_limits" (
	"tenant_id" text NOT NULL,
	"account_id" text NOT NULL,
	"amount" numeric NOT NULL,
	"currency" text NOT NULL,
	"version" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_spend_limits_tenant_id_account_id_pk" PRIMARY KEY("tenant_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_outbox" ADD COLUMN "spend" jsonb;--> statement-breakpoint
-- Metering writes the revenue of each event of an account with a spend limit to its ledger outbox
-- row (shared/spend/README.md): meterline_meter_batch as in 0027 (revenue kept per price plan), plus the `spend` CTE and the
-- zero records of events not rated.
CREATE OR REPLACE FUNCTION meterline_meter_batch(
  p_tenant text,
  -- Plan locks of the accounts with usage, sorted; taken shared (store/plan-associations.ts).
  p_lock_keys text[],
  -- The accounts the caller read associations for, and what it read (associationFingerprint).
  p_accounts text[],
  p_associations text,
  -- The events, sorted by id: their event_ids row and their raw row.
  e_id text[], e_time timestamptz[], e_account text[], e_schema text[], e_version int[],
  e_attributes jsonb[], e_units jsonb[], e_dimensions jsonb[], e_accepted timestamptz[],
  e_status text[], e_detail jsonb[],
  -- What each event adds to rollups (every aggregation but UNIQUE_COUNT) ...
  r_event text[], r_meter text[], r_bucket timestamptz[], r_dims_key text[], r_value numeric[],
  -- ... and UNIQUE_COUNT's distinct values.
  d_event text[], d_meter text[], d_bucket timestamptz[], d_dims_key text[], d_value text[],
  -- Feature debits owed (ledger outbox).
  l_event text[], l_account text[], l_at bigint[], l_lines jsonb[],
  -- Priced usage: what each event adds to an (association, meter, cycle), in rating order, and the
  -- minute its revenue is kept under ...
  u_event text[], u_association text[], u_meter text[], u_cycle_start timestamptz[], u_cycle_end timestamptz[],
  u_account text[], u_currency text[], u_quantity numeric[], u_bucket timestamptz[],
  -- ... and each (association, meter, cycle)'s rate card: model, package size, resolved slabs.
  g_association text[], g_meter text[], g_cycle_start timestamptz[], g_model text[], g_package_size numeric[], g_slabs jsonb[]
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_key text;
  v_found text;
  v_fresh text[];
  v_cycles jsonb;
  -- Every id new (the usual case): the filters below need not look each one up.
  v_all boolean;
BEGIN
  -- Shared: batches never wait on each other, only on an association being made (exclusive).
  FOREACH v_key IN ARRAY p_lock_keys LOOP
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(v_key, 0));
  END LOOP;
  SELECT coalesce(string_agg(a.id || '/' || a.plan_id || '/' || a.plan_version || '/'
           || ((extract(epoch FROM a.effective_from) * 1000)::bigint)::text || '/'
           || coalesce(((extract(epoch FROM a.effective_until) * 1000)::bigint)::text, ''),
           ',' ORDER BY a.id COLLATE "C"), '')
    INTO v_found
    FROM plan_associations a
   WHERE a.tenant_id = p_tenant AND a.account_id = ANY(p_accounts);
  IF v_found IS DISTINCT FROM p_associations THEN
    RAISE EXCEPTION 'meterline: plan associations changed since they were read' USING ERRCODE = 'ML001';
  END IF;

  -- The exactly-once gate: only the ids this call inserted go on.
  WITH claimed AS (
    INSERT INTO event_ids (tenant_id, event_id, event_time, status, detail)
    SELECT p_tenant, u.i, u.t, u.s, u.d
      FROM unnest(e_id, e_time, e_status, e_detail) WITH ORDINALITY AS u (i, t, s, d, n)
     ORDER BY u.n
    ON CONFLICT DO NOTHING
    RETURNING event_id)
  SELECT coalesce(array_agg(event_id), '{}') INTO v_fresh FROM claimed;
  IF cardinality(v_fresh) = 0 THEN
    RETURN jsonb_build_object('fresh', '[]'::jsonb, 'cycles', '[]'::jsonb);
  END IF;
  v_all := cardinality(v_fresh) = cardinality(e_id);

  -- Rollups, merged per key as mergeRollups merges them, written in key order (no deadlocks).
  INSERT INTO usage_rollups AS t (tenant_id, meter_id, account_id, bucket, dimensions_key, dimensions, event_count,
                                  value_sum, value_min, value_max, latest_value, latest_at, latest_event_id)
  SELECT p_tenant, c.meter, e.account, c.bucket, c.dims_key, (array_agg(e.dims))[1], count(*),
         -- decimal.js prints a merged value without trailing zeros; a single event's as sent.
         CASE WHEN count(*) = 1 THEN sum(c.value) ELSE trim_scale(sum(c.value)) END,
         CASE WHEN count(*) = 1 THEN min(c.value) ELSE trim_scale(min(c.value)) END,
         CASE WHEN count(*) = 1 THEN max(c.value) ELSE trim_scale(max(c.value)) END,
         (array_agg(c.value ORDER BY e.t DESC, e.i COLLATE "C" DESC))[1], max(e.t),
         (array_agg(e.i ORDER BY e.t DESC, e.i COLLATE "C" DESC))[1]
    FROM unnest(r_event, r_meter, r_bucket, r_dims_key, r_value) AS c (event, meter, bucket, dims_key, value)
    JOIN unnest(e_id, e_account, e_time, e_dimensions) AS e (i, account, t, dims) ON e.i = c.event
   WHERE (v_all OR c.event = ANY(v_fresh))
   GROUP BY c.meter, e.account, c.dims_key, c.bucket
   ORDER BY c.meter COLLATE "C", e.account COLLATE "C", c.dims_key COLLATE "C", c.bucket
  ON CONFLICT (tenant_id, meter_id, account_id, dimensions_key, bucket) DO UPDATE SET
    event_count = t.event_count + excluded.event_count,
    value_sum = t.value_sum + excluded.value_sum,
    value_min = least(t.value_min, excluded.value_min),
    value_max = greatest(t.value_max, excluded.value_max),
    latest_value = CASE WHEN (excluded.latest_at, excluded.latest_event_id COLLATE "C") > (t.latest_at, t.latest_event_id COLLATE "C")
                        THEN excluded.latest_value ELSE t.latest_value END,
    latest_event_id = CASE WHEN (excluded.latest_at, excluded.latest_event_id COLLATE "C") > (t.latest_at, t.latest_event_id COLLATE "C")
                           THEN excluded.latest_event_id ELSE t.latest_event_id END,
    latest_at = CASE WHEN (excluded.latest_at, excluded.latest_event_id COLLATE "C") > (t.latest_at, t.latest_event_id COLLATE "C")
                     THEN excluded.latest_at ELSE t.latest_at END;

  INSERT INTO usage_distinct (tenant_id, meter_id, account_id, bucket, dimensions_key, dimensions, value)
  SELECT p_tenant, d.meter, e.account, d.bucket, d.dims_key, e.dims, d.value
    FROM unnest(d_event, d_meter, d_bucket, d_dims_key, d_value) AS d (event, meter, bucket, dims_key, value)
    JOIN unnest(e_id, e_account, e_dimensions) AS e (i, account, dims) ON e.i = d.event
   WHERE (v_all OR d.event = ANY(v_fresh))
   ORDER BY d.meter COLLATE "C", e.account COLLATE "C", d.dims_key COLLATE "C", d.bucket, d.value COLLATE "C"
  ON CONFLICT DO NOTHING;

  INSERT INTO events (tenant_id, event_id, event_time, account_id, schema_name, schema_version, attributes, units, dimensions, accepted_at)
  SELECT p_tenant, e.i, e.t, e.account, e.schema_name, e.version, e.attributes, e.units, e.dims, e.accepted
    FROM unnest(e_id, e_time, e_account, e_schema, e_version, e_attributes, e_units, e_dimensions, e_accepted)
         AS e (i, t, account, schema_name, version, attributes, units, dims, accepted)
   WHERE (v_all OR e.i = ANY(v_fresh));

  INSERT INTO ledger_outbox (tenant_id, event_id, account_id, at, lines)
  SELECT p_tenant, l.event, l.account, l.at, l.lines
    FROM unnest(l_event, l_account, l_at, l_lines) AS l (event, account, at, lines)
   WHERE (v_all OR l.event = ANY(v_fresh))
  ON CONFLICT DO NOTHING;

  -- Rating (docs/design.md §9): the cycle's usage after the batch comes back from its upsert, under the
  -- row lock; the usage before each new event is that less the batch's new usage plus what came
  -- before it in rating order, and its revenue is the price change it causes from there. Kept
  -- per account, meter, currency and minute, in key order.
  WITH usage AS (
    SELECT u.*, sum(u.quantity) OVER w AS through, sum(u.quantity) OVER (PARTITION BY u.association, u.meter, u.cycle_start) AS added
      FROM unnest(u_event, u_association, u_meter, u_cycle_start, u_cycle_end, u_account, u_currency, u_quantity, u_bucket)
           WITH ORDINALITY AS u (event, association, meter, cycle_start, cycle_end, account, currency, quantity, bucket, n)
     WHERE (v_all OR u.event = ANY(v_fresh))
    WINDOW w AS (PARTITION BY u.association, u.meter, u.cycle_start ORDER BY u.n)
  ), cycles AS (
    INSERT INTO cycle_usage AS t (tenant_id, association_id, meter_id, cycle_start, cycle_end, account_id, currency, quantity)
    SELECT p_tenant, u.association, u.meter, u.cycle_start, min(u.cycle_end), min(u.account), min(u.currency), sum(u.quantity)
      FROM usage u
     GROUP BY u.association, u.meter, u.cycle_start
     ORDER BY u.association COLLATE "C", u.meter COLLATE "C", u.cycle_start
    ON CONFLICT (tenant_id, association_id, meter_id, cycle_start) DO UPDATE SET quantity = t.quantity + excluded.quantity
    RETURNING association_id, meter_id, cycle_start, quantity
  ), cards AS (
    SELECT g.association, g.meter, g.cycle_start, g.model, g.package_size,
           ARRAY(SELECT (x->>'startAfter')::numeric FROM jsonb_array_elements(g.slabs) WITH ORDINALITY AS s (x, k) ORDER BY k) AS starts,
           ARRAY(SELECT (x->>'rate')::numeric FROM jsonb_array_elements(g.slabs) WITH ORDINALITY AS s (x, k) ORDER BY k) AS rates,
           ARRAY(SELECT x->>'priceType' = 'FLAT' FROM jsonb_array_elements(g.slabs) WITH ORDINALITY AS s (x, k) ORDER BY k) AS flats
      FROM unnest(g_association, g_meter, g_cycle_start, g_model, g_package_size, g_slabs)
           AS g (association, meter, cycle_start, model, package_size, slabs)
  ), priced AS (
    -- The price after each event, and before the first: an event's revenue is its price after
    -- less the one before it (one price per event, not two).
    SELECT u.association, u.meter, u.cycle_start, u.cycle_end, u.event, u.n, u.account, u.currency, u.bucket,
           meterline_price(g.model, g.package_size, g.starts, g.rates, g.flats, c.quantity - u.added + u.through) AS price_after,
           CASE WHEN row_number() OVER w = 1
                THEN meterline_price(g.model, g.package_size, g.starts, g.rates, g.flats, c.quantity - u.added) END AS price_first_before
      FROM usage u
      JOIN cycles c ON c.association_id = u.association AND c.meter_id = u.meter AND c.cycle_start = u.cycle_start
      JOIN cards g ON g.association = u.association AND g.meter = u.meter AND g.cycle_start = u.cycle_start
    WINDOW w AS (PARTITION BY u.association, u.meter, u.cycle_start ORDER BY u.n)
  ), deltas AS (
    SELECT p.*, p.price_after - coalesce(lag(p.price_after) OVER w, p.price_first_before) AS delta
      FROM priced p
    WINDOW w AS (PARTITION BY p.association, p.meter, p.cycle_start ORDER BY p.n)
  ), revenue AS (
    INSERT INTO revenue_rollups AS t (tenant_id, account_id, meter_id, currency, price_plan_id, bucket, revenue)
    -- decimal.js prints the sum without trailing zeros; so does this, as the TypeScript path wrote it.
    -- The plan is the rating association's, checked unchanged above under the plan locks.
    SELECT p_tenant, d.account, d.meter, d.currency, a.plan_id, d.bucket, trim_scale(sum(d.delta))
      FROM deltas d
      JOIN plan_associations a ON a.tenant_id = p_tenant AND a.id = d.association
     GROUP BY d.account, d.meter, d.currency, a.plan_id, d.bucket
     ORDER BY d.account COLLATE "C", d.meter COLLATE "C", d.currency COLLATE "C", a.plan_id COLLATE "C", d.bucket
    ON CONFLICT (tenant_id, meter_id, account_id, currency, price_plan_id, bucket) DO UPDATE SET revenue = t.revenue + excluded.revenue
  ), spend AS (
    -- Spend limits (shared/spend/README.md): each event's revenue, summed over its meters, travels
    -- to its account's ledger in the event's outbox row (made just above if it owes a debit).
    INSERT INTO ledger_outbox AS o (tenant_id, event_id, account_id, at, lines, spend)
    SELECT p_tenant, d.event, min(d.account), (extract(epoch FROM min(d.bucket)) * 1000)::bigint, '[]'::jsonb,
           jsonb_build_object('amount', trim_scale(sum(d.delta))::text, 'currency', min(d.currency),
             'cycleStart', (extract(epoch FROM min(d.cycle_start)) * 1000)::bigint,
             'cycleEnd', (extract(epoch FROM min(d.cycle_end)) * 1000)::bigint)
      FROM deltas d
      JOIN account_spend_limits l ON l.tenant_id = p_tenant AND l.account_id = d.account AND l.currency = d.currency
     GROUP BY d.event
     ORDER BY d.event COLLATE "C"
    ON CONFLICT (tenant_id, event_id) DO UPDATE SET spend = excluded.spend
  )
  SELECT coalesce(jsonb_agg(jsonb_build_array(association_id, meter_id, ((extract(epoch FROM cycle_start) * 1000)::bigint)::text, quantity::text)), '[]'::jsonb)
    INTO v_cycles FROM cycles;

  -- An event of a limited account that was not rated (no association, no meter, another currency)
  -- still tells the ledger so, with nothing spent in no cycle: a reservation settled with it must
  -- not stay pending. Rows written above (rated events) are kept as they are.
  INSERT INTO ledger_outbox (tenant_id, event_id, account_id, at, lines, spend)
  SELECT p_tenant, e.i, e.account, (extract(epoch FROM e.t) * 1000)::bigint, '[]'::jsonb,
         jsonb_build_object('amount', '0', 'currency', l.currency, 'cycleStart', 0, 'cycleEnd', 0)
    FROM unnest(e_id, e_account, e_time) AS e (i, account, t)
    JOIN account_spend_limits l ON l.tenant_id = p_tenant AND l.account_id = e.account
   WHERE (v_all OR e.i = ANY(v_fresh))
   ORDER BY e.i COLLATE "C"
  ON CONFLICT (tenant_id, event_id) DO UPDATE SET spend = excluded.spend
   WHERE ledger_outbox.spend IS NULL;

  RETURN jsonb_build_object('fresh', to_jsonb(v_fresh), 'cycles', v_cycles);
END
$$;
