CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "event_ids" (
	"tenant_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_ids_tenant_id_event_id_pk" PRIMARY KEY("tenant_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "event_schemas" (
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"description" text,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enrichments" jsonb,
	"event_id_template" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_schemas_tenant_id_name_pk" PRIMARY KEY("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"tenant_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"account_id" text NOT NULL,
	"schema_name" text NOT NULL,
	"schema_version" integer NOT NULL,
	"attributes" jsonb NOT NULL,
	"dimensions" jsonb NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "events_tenant_id_event_id_event_time_pk" PRIMARY KEY("tenant_id","event_id","event_time")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "usage_meters" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"billable_name" text,
	"description" text,
	"type" text DEFAULT 'COUNTER' NOT NULL,
	"aggregation" text NOT NULL,
	"event_schema_name" text NOT NULL,
	"filters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activated_at" timestamp with time zone,
	CONSTRAINT "usage_meters_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_rollups" (
	"tenant_id" text NOT NULL,
	"meter_id" text NOT NULL,
	"account_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"dimensions_key" text NOT NULL,
	"dimensions" jsonb NOT NULL,
	"event_count" bigint NOT NULL,
	"value_sum" numeric NOT NULL,
	"value_min" numeric NOT NULL,
	"value_max" numeric NOT NULL,
	"latest_value" numeric NOT NULL,
	"latest_at" timestamp with time zone NOT NULL,
	"latest_event_id" text NOT NULL,
	CONSTRAINT "usage_rollups_tenant_id_meter_id_account_id_dimensions_key_bucket_pk" PRIMARY KEY("tenant_id","meter_id","account_id","dimensions_key","bucket")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_schemas" ADD CONSTRAINT "event_schemas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_meters" ADD CONSTRAINT "usage_meters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_tenant_account_time" ON "events" USING btree ("tenant_id","account_id","event_time");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_meters_tenant_name" ON "usage_meters" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "usage_meters_tenant_schema" ON "usage_meters" USING btree ("tenant_id","event_schema_name","status");--> statement-breakpoint
CREATE INDEX "usage_rollups_meter_bucket" ON "usage_rollups" USING btree ("tenant_id","meter_id","bucket");