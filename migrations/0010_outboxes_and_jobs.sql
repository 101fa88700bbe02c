-- The ledger outbox (debits owed until the edge confirms them), parked queue messages, and the
-- cursors of jobs that run in bounded pages across cron invocations.
CREATE TABLE "job_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"cursor" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_outbox" (
	"tenant_id" text NOT NULL,
	"event_id" text NOT NULL,
	"account_id" text NOT NULL,
	"at" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_outbox_tenant_id_event_id_pk" PRIMARY KEY("tenant_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "parked_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parked_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"tenant_id" text,
	"body" text NOT NULL,
	"reason" text NOT NULL,
	"parked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ledger_outbox_created_at" ON "ledger_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "parked_messages_tenant" ON "parked_messages" USING btree ("tenant_id","id");