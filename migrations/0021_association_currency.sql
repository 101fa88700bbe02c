-- Each association fixes the currency its account is rated in. Existing ones get the currency they
-- were rated in until now: the account's invoiceCurrency when the plan version prices in it, else
-- the plan's first currency (shared/pricing/plan-currency.ts ratingCurrency).
ALTER TABLE "plan_associations" ADD COLUMN "currency" text;--> statement-breakpoint
UPDATE "plan_associations" AS a
SET "currency" = COALESCE(
  (SELECT acc."invoice_currency" FROM "accounts" AS acc
    WHERE acc."tenant_id" = a."tenant_id" AND acc."id" = a."account_id"
      AND COALESCE(v."definition"->'supportedCurrencies', jsonb_build_array(v."definition"->'currency')) @> jsonb_build_array(to_jsonb(acc."invoice_currency"))),
  v."definition"->>'currency')
FROM "price_plan_versions" AS v
WHERE v."tenant_id" = a."tenant_id" AND v."plan_id" = a."plan_id" AND v."version" = a."plan_version";--> statement-breakpoint
ALTER TABLE "plan_associations" ALTER COLUMN "currency" SET NOT NULL;
