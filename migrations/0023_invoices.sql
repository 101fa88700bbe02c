CREATE TABLE "invoice_lines" (
	"tenant_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"amount" numeric NOT NULL,
	"adjusts_cycle_start" timestamp with time zone,
	"line" jsonb NOT NULL,
	CONSTRAINT "invoice_lines_tenant_id_invoice_id_position_pk" PRIMARY KEY("tenant_id","invoice_id","position")
);
--> statement-breakpoint
CREATE TABLE "invoice_numbers" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"number" integer NOT NULL,
	"account_id" text NOT NULL,
	"customer_id" text,
	"net_term_days" integer NOT NULL,
	"cycle_start" timestamp with time zone NOT NULL,
	"cycle_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'FINAL' NOT NULL,
	"price_plan_id" text,
	"totals" jsonb NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_tenant_number" ON "invoices" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_account_cycle" ON "invoices" USING btree ("tenant_id","account_id","cycle_start");--> statement-breakpoint
-- A FINAL invoice is money billed: neither it nor its lines may change or go, whatever code runs
-- (rater/store/invoices.ts only inserts). Lines belong to FINAL invoices only, so they never change.
CREATE OR REPLACE FUNCTION meterline_refuse_invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'invoice_lines' OR OLD.status = 'FINAL' THEN
    RAISE EXCEPTION 'a FINAL invoice is immutable (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION meterline_refuse_invoice_change();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION meterline_refuse_invoice_change();
