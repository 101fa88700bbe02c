CREATE TABLE "aliases" (
	"tenant_id" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aliases_tenant_id_value_pk" PRIMARY KEY("tenant_id","value")
);
--> statement-breakpoint
ALTER TABLE "aliases" ADD CONSTRAINT "aliases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;