CREATE TABLE "personal_data_retention" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	"last_notifications" integer DEFAULT 0 NOT NULL,
	"last_deliveries" integer DEFAULT 0 NOT NULL,
	"last_documents" integer DEFAULT 0 NOT NULL,
	"total_notifications" integer DEFAULT 0 NOT NULL,
	"total_deliveries" integer DEFAULT 0 NOT NULL,
	"total_documents" integer DEFAULT 0 NOT NULL,
	"last_redacted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "notifications_unredacted_created_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."redacted_at" is null;