-- Issue 10: the CSV export gets a scope of its own, activity:export (it is bulk personal data).
-- Pending migrations are applied in one transaction, and PostgreSQL refuses to use an enum value added
-- by ALTER TYPE … ADD VALUE before that transaction commits, so the grant below could not follow an
-- ADD VALUE. The type is rebuilt with the new value instead (a type created in this transaction may
-- be used at once) and api_clients.scopes, its only user, moved onto it.
ALTER TYPE "public"."scope" RENAME TO "scope_before_activity_export";--> statement-breakpoint
CREATE TYPE "public"."scope" AS ENUM('notifications:read', 'notifications:write', 'activity:read', 'activity:write', 'activity:export', 'subscriptions:manage');--> statement-breakpoint
ALTER TABLE "api_clients" ALTER COLUMN "scopes" SET DATA TYPE "public"."scope"[] USING "scopes"::text[]::"public"."scope"[];--> statement-breakpoint
DROP TYPE "public"."scope_before_activity_export";--> statement-breakpoint
-- Existing integrations keep exporting: every client that holds activity:read (which used to include
-- the export) is granted activity:export. Clients issued from now on get it only when asked for.
UPDATE "api_clients" SET "scopes" = array_append("scopes", 'activity:export'::"public"."scope")
WHERE 'activity:read'::"public"."scope" = ANY("scopes") AND NOT ('activity:export'::"public"."scope" = ANY("scopes"));
