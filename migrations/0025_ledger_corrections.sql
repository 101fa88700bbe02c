CREATE TABLE "ledger_corrections" (
	"tenant_id" text NOT NULL,
	"event_id" text NOT NULL,
	"seq" integer NOT NULL,
	"account_id" text NOT NULL,
	"effect" text NOT NULL,
	"at" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"parked_at" timestamp with time zone,
	CONSTRAINT "ledger_corrections_tenant_id_event_id_seq_pk" PRIMARY KEY("tenant_id","event_id","seq")
);
--> statement-breakpoint
CREATE INDEX "ledger_corrections_created_at" ON "ledger_corrections" USING btree ("created_at");