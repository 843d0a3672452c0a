DROP INDEX "activities_target_idx";--> statement-breakpoint
DROP INDEX "receipts_inbox_idx";--> statement-breakpoint
DROP INDEX "notifications_client_created_idx";--> statement-breakpoint
DROP INDEX "notifications_target_idx";--> statement-breakpoint
CREATE INDEX "activities_target_idx" ON "activities" USING btree ("target_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "receipts_inbox_idx" ON "notification_receipts" USING btree ("user_id","created_at" DESC NULLS FIRST,"notification_id" DESC NULLS FIRST) WHERE "notification_receipts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_client_created_idx" ON "notifications" USING btree ("created_by_client_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_target_idx" ON "notifications" USING btree ("target_id","created_at" DESC NULLS FIRST);