ALTER TABLE "activities" ADD COLUMN "on_behalf_of" jsonb;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;