CREATE TYPE "public"."subscription_attempt_trigger" AS ENUM('scheduled', 'manual', 'test');--> statement-breakpoint
CREATE TYPE "public"."subscription_channel" AS ENUM('webhook', 'email');--> statement-breakpoint
CREATE TYPE "public"."subscription_message_status" AS ENUM('pending', 'sent', 'fail');--> statement-breakpoint
CREATE TABLE "subscription_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trigger" "subscription_attempt_trigger" NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"response_excerpt" text DEFAULT '' NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "subscription_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"channel" "subscription_channel" NOT NULL,
	"event_type" text NOT NULL,
	"event_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "subscription_message_status" DEFAULT 'pending' NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_status_code" integer,
	"replay_of" uuid,
	"category" text,
	"notification_type" text,
	"target_type" text,
	"target_id" text,
	"service_key" text,
	"source_status" text
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contact_emails" text[] NOT NULL,
	"expires_on" date NOT NULL,
	"webhook_url" text,
	"email_addresses" text[],
	"secret_ciphertext" text,
	"previous_secret_ciphertext" text,
	"previous_secret_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"failing_since" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"expiry_notices_sent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "subscriptions_has_a_channel" CHECK ("subscriptions"."webhook_url" is not null or "subscriptions"."email_addresses" is not null),
	CONSTRAINT "subscriptions_has_a_contact" CHECK (cardinality("subscriptions"."contact_emails") >= 1)
);
--> statement-breakpoint
ALTER TABLE "api_clients" ADD COLUMN "organisation" text;--> statement-breakpoint
ALTER TABLE "api_clients" ADD COLUMN "party_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_attempts" ADD CONSTRAINT "subscription_attempts_message_id_subscription_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."subscription_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_messages" ADD CONSTRAINT "subscription_messages_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_attempts_message_idx" ON "subscription_attempts" USING btree ("message_id","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_messages_event_unique" ON "subscription_messages" USING btree ("subscription_id","event_id","channel") WHERE replay_of is null;--> statement-breakpoint
CREATE INDEX "subscription_messages_list_idx" ON "subscription_messages" USING btree ("subscription_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "subscription_messages_due_idx" ON "subscription_messages" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "subscriptions_live_event_type_idx" ON "subscriptions" USING btree ("event_type") WHERE deleted_at is null and disabled_at is null;--> statement-breakpoint
CREATE INDEX "subscriptions_client_created_idx" ON "subscriptions" USING btree ("client_id","created_at","id") WHERE deleted_at is null;