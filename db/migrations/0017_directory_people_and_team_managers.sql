CREATE TYPE "public"."contact_channel" AS ENUM('email', 'sms', 'letter');--> statement-breakpoint
CREATE TYPE "public"."person_kind" AS ENUM('staff', 'resident');--> statement-breakpoint
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
-- Existing people: residents were told apart by their role, and held one tenure.
UPDATE "users" SET "kind" = 'resident' WHERE 'resident' = ANY("roles");--> statement-breakpoint
UPDATE "users" SET "tenure_ids" = ARRAY["tenure_id"] WHERE "tenure_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "team_managers" ADD CONSTRAINT "team_managers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_managers" ADD CONSTRAINT "team_managers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_managers_user_id_idx" ON "team_managers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_id_unique" ON "users" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "users_property_ids_idx" ON "users" USING gin ("property_ids");--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_staff_have_email" CHECK ("users"."kind" <> 'staff' or "users"."email" is not null or "users"."erased_at" is not null);