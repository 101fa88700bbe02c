CREATE TABLE "price_plan_drafts" (
	"tenant_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"base_version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_plan_drafts_tenant_id_plan_id_pk" PRIMARY KEY("tenant_id","plan_id")
);
