-- Where a tenant's data lives (shared/tenant/placement.ts): a Durable Object location hint, a
-- jurisdiction, and the layout of its DedupShards once it has grown. NULL everywhere: the defaults.
ALTER TABLE "tenants" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "jurisdiction" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "dedup_layout" jsonb;