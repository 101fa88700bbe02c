CREATE TABLE "customer_contacts" (
	"tenant_id" text NOT NULL,
	"username" text NOT NULL,
	"customer_id" text NOT NULL,
	"preferred_username" text,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_contacts_tenant_id_username_pk" PRIMARY KEY("tenant_id","username")
);
--> statement-breakpoint
ALTER TABLE "customer_contacts" ADD CONSTRAINT "customer_contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_contacts_tenant_customer" ON "customer_contacts" USING btree ("tenant_id","customer_id","created_at");