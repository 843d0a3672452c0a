ALTER TYPE "public"."recipient_kind" ADD VALUE 'list';--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipients" jsonb;