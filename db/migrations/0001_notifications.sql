CREATE TYPE "public"."activity_target_type" AS ENUM('person', 'asset', 'tenure', 'contactDetails', 'tenureActivity', 'tenurePerson', 'personEqualityInformation', 'housingApplication', 'process', 'contract', 'cautionaryAlert', 'patchesAndAreas', 'workOrder', 'notification');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('create', 'update', 'delete', 'migrate', 'end');--> statement-breakpoint
CREATE TYPE "public"."delivery_channel" AS ENUM('email', 'sms', 'letter');--> statement-breakpoint
CREATE TYPE "public"."action_type" AS ENUM('Initiated', 'Approved', 'Validate', 'Rejected', 'IsRead');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('Screen', 'Email', 'Text', 'Letter');--> statement-breakpoint
CREATE TYPE "public"."recipient_kind" AS ENUM('user', 'team', 'role');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_type" "activity_target_type" NOT NULL,
	"target_id" uuid NOT NULL,
	"type" "activity_type" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"old_data" jsonb,
	"new_data" jsonb,
	"author_details" jsonb NOT NULL,
	"source_domain" text,
	"timeto_live_for_record" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"caller_key" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_caller_key_key_pk" PRIMARY KEY("caller_key","key")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" "delivery_channel" NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"service_key" text NOT NULL,
	"template_id" text NOT NULL,
	"notify_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"action_type" "action_type" NOT NULL,
	"action_note" text,
	"performed_by" text NOT NULL,
	"performed_by_user_id" uuid,
	"performed_by_client_id" uuid,
	"performed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_receipts" (
	"notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"action_required" boolean NOT NULL,
	"read_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "notification_receipts_user_id_notification_id_pk" PRIMARY KEY("user_id","notification_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_type" "notification_type" NOT NULL,
	"category" text,
	"message" text,
	"target_type" text,
	"target_id" text,
	"recipient_kind" "recipient_kind",
	"recipient_user_id" uuid,
	"recipient_team" text,
	"recipient_role" "role",
	"created_by_client_id" uuid,
	"created_by_user_id" uuid,
	"require_action" boolean DEFAULT false NOT NULL,
	"require_email_notification" boolean DEFAULT false NOT NULL,
	"require_sms_notification" boolean DEFAULT false NOT NULL,
	"require_letter" boolean DEFAULT false NOT NULL,
	"service_key" text,
	"template_id" text,
	"email" text,
	"mobile_number" text,
	"first_name" text,
	"last_name" text,
	"address" jsonb,
	"personalisation" jsonb,
	"action_url" text,
	"send_at" timestamp with time zone,
	"performed_action_type" "action_type",
	"action_note" text,
	"performed_action_done_by" text,
	"performed_action_user_id" uuid,
	"performed_action_client_id" uuid,
	"performed_action_date" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_actions" ADD CONSTRAINT "notification_actions_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_receipts" ADD CONSTRAINT "notification_receipts_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_receipts" ADD CONSTRAINT "notification_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_created_by_client_id_api_clients_id_fk" FOREIGN KEY ("created_by_client_id") REFERENCES "public"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_target_idx" ON "activities" USING btree ("target_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deliveries_notification_idx" ON "deliveries" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "notification_actions_notification_idx" ON "notification_actions" USING btree ("notification_id","performed_at");--> statement-breakpoint
CREATE INDEX "receipts_inbox_idx" ON "notification_receipts" USING btree ("user_id","created_at" DESC NULLS LAST,"notification_id" DESC NULLS LAST) WHERE "notification_receipts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "receipts_unread_idx" ON "notification_receipts" USING btree ("user_id") WHERE "notification_receipts"."read_at" is null and "notification_receipts"."archived_at" is null and "notification_receipts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "receipts_action_required_idx" ON "notification_receipts" USING btree ("user_id") WHERE "notification_receipts"."action_required" and "notification_receipts"."archived_at" is null and "notification_receipts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "receipts_notification_idx" ON "notification_receipts" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "notifications_client_created_idx" ON "notifications" USING btree ("created_by_client_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_target_idx" ON "notifications" USING btree ("target_id","created_at" DESC NULLS LAST);