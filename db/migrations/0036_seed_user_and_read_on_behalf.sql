ALTER TABLE "notification_actions" ADD COLUMN "on_behalf_of_user_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "user_as_given" text;