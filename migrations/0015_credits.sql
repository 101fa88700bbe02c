CREATE TABLE "credits" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"account_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"applicable_entity_ids" jsonb,
	"effective_from" text NOT NULL,
	"effective_until" text,
	"credit_amount" numeric NOT NULL,
	"credit_unit" text NOT NULL,
	"priority" integer NOT NULL,
	"grantor_id" text,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_used" numeric,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credits_tenant_account" ON "credits" USING btree ("tenant_id","account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "credits_tenant_idempotency_key" ON "credits" USING btree ("tenant_id","idempotency_key") WHERE "credits"."idempotency_key" IS NOT NULL;