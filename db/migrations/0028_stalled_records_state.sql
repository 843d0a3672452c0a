CREATE TABLE "rule_tracked_records" (
	"target_type" "activity_target_type" NOT NULL,
	"target_id" uuid NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "rule_tracked_records_target_type_target_id_pk" PRIMARY KEY("target_type","target_id")
);
--> statement-breakpoint
CREATE INDEX "rule_tracked_records_open_idx" ON "rule_tracked_records" USING btree ("target_type","last_activity_at","target_id") WHERE "rule_tracked_records"."closed_at" is null;--> statement-breakpoint
-- Existing history: each record's latest activity. Activities do not keep the event type that made
-- them, so a record closed before this migration cannot be told closed here; it counts as open until
-- its next activity (see lib/activity/track-record-state.ts).
INSERT INTO "rule_tracked_records" ("target_type", "target_id", "last_activity_at")
SELECT "target_type", "target_id", max("created_at") FROM "activities" GROUP BY "target_type", "target_id"
ON CONFLICT DO NOTHING;
