-- Issue 12: officers' visits to residents, the visits:manage scope, and 'request' as the source of a
-- delivery status a caller's cancel set. The two enum values are added with ADD VALUE: nothing in the
-- pending migrations uses them, so the one transaction they run in is safe (0017 explains when not).
CREATE TYPE "public"."visit_status" AS ENUM('booked', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."scope" ADD VALUE 'visits:manage';--> statement-breakpoint
ALTER TYPE "public"."delivery_status_source" ADD VALUE 'request';--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"property_id" uuid NOT NULL,
	"resident_user_id" uuid NOT NULL,
	"officer_user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"status" "visit_status" DEFAULT 'booked' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_ends_after_start" CHECK ("visits"."ends_at" > "visits"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_resident_user_id_users_id_fk" FOREIGN KEY ("resident_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_officer_user_id_users_id_fk" FOREIGN KEY ("officer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visits_starts_at_idx" ON "visits" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "visits_property_starts_at_idx" ON "visits" USING btree ("property_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_officer_starts_at_idx" ON "visits" USING btree ("officer_user_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_booked_starts_at_idx" ON "visits" USING btree ("starts_at") WHERE status = 'booked';