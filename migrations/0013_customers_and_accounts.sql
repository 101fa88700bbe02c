-- Togai's customers and accounts, and accounts' aliases over time (shared/account/): tenant-scoped
-- like all configuration; an account's id is the accountId events already carry.
CREATE TABLE "account_aliases" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"account_id" text NOT NULL,
	"value" text NOT NULL,
	"effective_from" timestamp with time zone,
	"effective_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "account_aliases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"togai_account_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"name" text NOT NULL,
	"invoice_currency" text,
	"net_term_days" integer,
	"address" jsonb,
	"primary_email" text,
	"billing_information" jsonb,
	"settings" jsonb,
	"metadata" jsonb,
	"tags" jsonb,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"togai_customer_id" text NOT NULL,
	"name" text NOT NULL,
	"primary_email" text NOT NULL,
	"address" jsonb NOT NULL,
	"settings" jsonb,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "account_aliases" ADD CONSTRAINT "account_aliases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_aliases_tenant_account" ON "account_aliases" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "account_aliases_tenant_value" ON "account_aliases" USING btree ("tenant_id","value");--> statement-breakpoint
CREATE INDEX "accounts_tenant_created" ON "accounts" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "accounts_tenant_customer" ON "accounts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "customers_tenant_created" ON "customers" USING btree ("tenant_id","created_at","id");