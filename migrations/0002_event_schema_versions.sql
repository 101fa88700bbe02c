CREATE TABLE "event_schema_versions" (
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"description" text,
	"attributes" jsonb NOT NULL,
	"dimensions" jsonb NOT NULL,
	"enrichments" jsonb,
	"event_id_template" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_schema_versions_tenant_id_name_version_pk" PRIMARY KEY("tenant_id","name","version")
);
