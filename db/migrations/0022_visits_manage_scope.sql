-- Issue 12: API clients that book visits get a scope of their own, visits:manage. Pending migrations
-- are applied in one transaction, where PostgreSQL refuses to use a value added by ALTER TYPE … ADD
-- VALUE, so (as 0017 did) the type is rebuilt with the new value and api_clients.scopes moved onto it:
-- a type created in the same transaction may be used at once, by this migration or a later one.
ALTER TYPE "public"."scope" RENAME TO "scope_before_visits_manage";--> statement-breakpoint
CREATE TYPE "public"."scope" AS ENUM('notifications:read', 'notifications:write', 'activity:read', 'activity:write', 'activity:export', 'subscriptions:manage', 'directory:manage', 'visits:manage');--> statement-breakpoint
ALTER TABLE "api_clients" ALTER COLUMN "scopes" SET DATA TYPE "public"."scope"[] USING "scopes"::text[]::"public"."scope"[];--> statement-breakpoint
DROP TYPE "public"."scope_before_visits_manage";
