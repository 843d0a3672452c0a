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
-- them, so whether a record was closed before this migration cannot be known. A record quiet for more
-- than 14 days (the longest a seeded stalled rule waits) counts as closed from its latest activity,
-- so the first sweep does not announce every long-finished process as stalled; its next activity
-- reopens it. Records active in the last 14 days are open and followed from now on.
INSERT INTO "rule_tracked_records" ("target_type", "target_id", "last_activity_at", "closed_at")
SELECT "target_type", "target_id", max("created_at"),
  CASE WHEN max("created_at") < now() - interval '14 days' THEN max("created_at") END
FROM "activities" GROUP BY "target_type", "target_id"
ON CONFLICT DO NOTHING;
