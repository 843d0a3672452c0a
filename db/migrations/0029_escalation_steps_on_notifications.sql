ALTER TYPE "public"."action_type" ADD VALUE 'Reminded';--> statement-breakpoint
ALTER TYPE "public"."action_type" ADD VALUE 'Escalated';--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "escalated_to" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "escalated_after" text;--> statement-breakpoint
CREATE INDEX "notifications_reminder_due_idx" ON "notifications" USING btree ("category","created_at") WHERE "notifications"."require_action" and "notifications"."performed_action_type" is null and "notifications"."deleted_at" is null and "notifications"."reminded_at" is null and "notifications"."escalated_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_escalation_due_idx" ON "notifications" USING btree ("category","created_at") WHERE "notifications"."require_action" and "notifications"."performed_action_type" is null and "notifications"."deleted_at" is null and "notifications"."escalated_at" is null;