ALTER TYPE "public"."recipient_kind" ADD VALUE 'person';--> statement-breakpoint
ALTER TYPE "public"."recipient_kind" ADD VALUE 'residents';--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "preference_copy" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient_person_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient_property_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "free_text_sms" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_client_sms_idx" ON "notifications" USING btree ("created_by_client_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "notifications"."free_text_sms";--> statement-breakpoint
-- Until now only people's preference copies named a person on a delivery.
UPDATE "deliveries" SET "preference_copy" = true WHERE "user_id" IS NOT NULL;
