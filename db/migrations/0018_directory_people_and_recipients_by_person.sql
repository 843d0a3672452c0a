CREATE TYPE "public"."contact_channel" AS ENUM('email', 'sms', 'letter');--> statement-breakpoint
CREATE TYPE "public"."person_kind" AS ENUM('staff', 'resident');--> statement-breakpoint
ALTER TYPE "public"."activity_target_type" ADD VALUE 'team';--> statement-breakpoint
ALTER TYPE "public"."scope" ADD VALUE 'directory:manage';--> statement-breakpoint
ALTER TYPE "public"."recipient_kind" ADD VALUE 'person';--> statement-breakpoint
ALTER TYPE "public"."recipient_kind" ADD VALUE 'residents';--> statement-breakpoint
CREATE TABLE "team_managers" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "team_managers_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "manager_role" "role";--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "kind" "person_kind" DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "tenure_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "property_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "address_lines" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "preferred_channel" "contact_channel";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "preference_copy" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient_person_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient_property_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "free_text_sms" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing people: residents were told apart by their role, and held one tenure.
UPDATE "users" SET "kind" = 'resident' WHERE 'resident' = ANY("roles");--> statement-breakpoint
UPDATE "users" SET "tenure_ids" = ARRAY["tenure_id"] WHERE "tenure_id" IS NOT NULL;--> statement-breakpoint
-- Until now only people's preference copies named a person on a delivery.
UPDATE "deliveries" SET "preference_copy" = true WHERE "user_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "team_managers" ADD CONSTRAINT "team_managers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_managers" ADD CONSTRAINT "team_managers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_managers_user_id_idx" ON "team_managers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_id_unique" ON "users" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "users_property_ids_idx" ON "users" USING gin ("property_ids");--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "notifications_client_sms_idx" ON "notifications" USING btree ("created_by_client_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "notifications"."free_text_sms";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_staff_have_email" CHECK ("users"."kind" <> 'staff' or "users"."email" is not null or "users"."erased_at" is not null);