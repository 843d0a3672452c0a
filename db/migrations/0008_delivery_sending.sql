CREATE TYPE "public"."delivery_status_source" AS ENUM('worker', 'callback', 'poll');--> statement-breakpoint
CREATE TABLE "delivery_status_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_status_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" "delivery_status_source" NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "notify_rate_windows" (
	"service_key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notify_rate_windows_service_key_window_start_pk" PRIMARY KEY("service_key","window_start")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "document_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "callback_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "status_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "delivery_status_events" ADD CONSTRAINT "delivery_status_events_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_status_events_delivery_idx" ON "delivery_status_events" USING btree ("delivery_id","at");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_notify_id_idx" ON "deliveries" USING btree ("notify_id");--> statement-breakpoint
CREATE INDEX "deliveries_awaiting_status_idx" ON "deliveries" USING btree ("created_at") WHERE notify_id is not null and completed_at is null;