CREATE TABLE "usage_distinct" (
	"tenant_id" text NOT NULL,
	"meter_id" text NOT NULL,
	"account_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"dimensions_key" text NOT NULL,
	"dimensions" jsonb NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "usage_distinct_tenant_id_meter_id_account_id_dimensions_key_bucket_value_pk" PRIMARY KEY("tenant_id","meter_id","account_id","dimensions_key","bucket","value")
);
--> statement-breakpoint
ALTER TABLE "event_schema_versions" ADD COLUMN "filter_fields" jsonb;--> statement-breakpoint
ALTER TABLE "event_schemas" ADD COLUMN "filter_fields" jsonb;--> statement-breakpoint
CREATE INDEX "usage_distinct_meter_bucket" ON "usage_distinct" USING btree ("tenant_id","meter_id","bucket");