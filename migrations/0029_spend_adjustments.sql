CREATE TABLE "ledger_spend_adjustments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_spend_adjustments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"account_id" text NOT NULL,
	"amount" numeric NOT NULL,
	"currency" text NOT NULL,
	"cycle_start" bigint NOT NULL,
	"cycle_end" bigint NOT NULL,
	"after_event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"parked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "account_spend_limits" ALTER COLUMN "amount" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "account_spend_limits" ADD COLUMN "pushed_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_spend_adjustments_account" ON "ledger_spend_adjustments" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "ledger_spend_adjustments_after" ON "ledger_spend_adjustments" USING btree ("tenant_id","after_event_id") WHERE after_event_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_spend_adjustments_created_at" ON "ledger_spend_adjustments" USING btree ("created_at");--> statement-breakpoint
-- Limits stored before this migration were pushed when they were set (or answered 503 and were sent again).
UPDATE "account_spend_limits" SET "pushed_version" = "version";
