CREATE TYPE "public"."subscription_audit_action" AS ENUM('replay', 'replay-dry-run', 'disable', 'enable', 'test-event');--> statement-breakpoint
CREATE TABLE "subscription_audit_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"subscription_id" uuid,
	"action" "subscription_audit_action" NOT NULL,
	"author" jsonb NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscription_audit_entries" ADD CONSTRAINT "subscription_audit_entries_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_audit_entries" ADD CONSTRAINT "subscription_audit_entries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_audit_entries_client_idx" ON "subscription_audit_entries" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "subscription_audit_entries_subscription_idx" ON "subscription_audit_entries" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "subscription_messages_replay_of_idx" ON "subscription_messages" USING btree ("replay_of","created_at") WHERE replay_of is not null;