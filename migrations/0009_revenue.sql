CREATE TABLE "cycle_usage" (
	"tenant_id" text NOT NULL,
	"association_id" text NOT NULL,
	"meter_id" text NOT NULL,
	"cycle_start" timestamp with time zone NOT NULL,
	"cycle_end" timestamp with time zone NOT NULL,
	"account_id" text NOT NULL,
	"currency" text NOT NULL,
	"quantity" numeric NOT NULL,
	CONSTRAINT "cycle_usage_tenant_id_association_id_meter_id_cycle_start_pk" PRIMARY KEY("tenant_id","association_id","meter_id","cycle_start")
);
--> statement-breakpoint
CREATE TABLE "revenue_rollups" (
	"tenant_id" text NOT NULL,
	"meter_id" text NOT NULL,
	"account_id" text NOT NULL,
	"currency" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"revenue" numeric NOT NULL,
	CONSTRAINT "revenue_rollups_tenant_id_meter_id_account_id_currency_bucket_pk" PRIMARY KEY("tenant_id","meter_id","account_id","currency","bucket")
);
--> statement-breakpoint
CREATE INDEX "cycle_usage_account_cycle" ON "cycle_usage" USING btree ("tenant_id","account_id","cycle_start");--> statement-breakpoint
CREATE INDEX "revenue_rollups_tenant_bucket" ON "revenue_rollups" USING btree ("tenant_id","bucket");--> statement-breakpoint
-- Hand-written: revenue_rollups joins the hypertables where TimescaleDB is available (7-day
-- chunks, like usage_rollups); a plain table otherwise.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('revenue_rollups', 'bucket',
      chunk_time_interval => INTERVAL '7 days', migrate_data => true, if_not_exists => true);
  END IF;
END
$$;
