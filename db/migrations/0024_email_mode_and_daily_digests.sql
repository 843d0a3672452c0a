CREATE TYPE "public"."email_mode" AS ENUM('immediate', 'daily', 'off');--> statement-breakpoint
CREATE TABLE "digest_items" (
	"user_id" uuid NOT NULL,
	"notification_id" uuid NOT NULL,
	"category" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"digest_id" uuid,
	CONSTRAINT "digest_items_user_id_notification_id_pk" PRIMARY KEY("user_id","notification_id")
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"delivery_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digests_user_day_unique" UNIQUE("user_id","day")
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "email_mode" "email_mode" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_digest_id_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."digests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "digest_items_waiting_idx" ON "digest_items" USING btree ("user_id","due_at") WHERE digest_id is null;--> statement-breakpoint
-- Existing choices keep their meaning: email ticked was "each item straight away", unticked "off".
UPDATE "notification_preferences" SET "email_mode" = CASE WHEN "email" THEN 'immediate'::"email_mode" ELSE 'off'::"email_mode" END;
