-- Issue 12: the rules table, the rules:manage scope and the rule activity target type. The two enum values
-- are added with ADD VALUE: nothing in this migration uses them, so running in one transaction with
-- other pending migrations is safe (unlike 0017, whose UPDATE used its new value at once).
CREATE TYPE "public"."rule_kind" AS ENUM('event', 'escalation', 'stalled', 'reminder');--> statement-breakpoint
ALTER TYPE "public"."activity_target_type" ADD VALUE 'rule';--> statement-breakpoint
ALTER TYPE "public"."scope" ADD VALUE 'rules:manage';--> statement-breakpoint
CREATE TABLE "rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "rule_kind" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rules_name_unique" UNIQUE("name")
);
--> statement-breakpoint
-- Issue 12: the rules a new installation starts with (lib/rules/default-rules.ts lists the same; its test compares
-- the two). Inserted here, once, so an admin who deletes or edits a default is never overridden on restart.
INSERT INTO "rules" ("name", "kind", "definition") VALUES
  ('New tenure: tell finance', 'event', '{"match":{"eventType":"TenureCreatedEvent"},"category":"newTenure","audience":{"team":"finance"},"message":"New tenure {{newData.paymentReference}}: check its charges"}'::jsonb),
  ('New property: tell finance', 'event', '{"match":{"eventType":"AssetCreatedEvent"},"category":"newProperty","audience":{"team":"finance"},"message":"New property {{newData.assetAddress.addressLine1}} {{newData.assetAddress.postCode}}: check its charges"}'::jsonb),
  ('Cautionary contact: tell officers visiting the property', 'event', '{"match":{"eventType":"CautionaryAlertCreatedEvent"},"category":"cautionaryContact","audience":{"visitOfficersAtProperty":{"withinDays":14,"fallbackTeam":"housing-officers"}},"message":"Cautionary alert recorded at a property you are due to visit: {{newData.alert.description}}","requiresAction":true}'::jsonb),
  ('Escalate when not acted on: Estimate to approve', 'escalation', '{"category":"estimateApproval","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"finance-manager"}'::jsonb),
  ('Escalate when not acted on: Actuals to approve', 'escalation', '{"category":"actualApproval","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"finance-manager"}'::jsonb),
  ('Escalate when not acted on: Suspense account transfer pending', 'escalation', '{"category":"suspenseAccountTransfer","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"finance-manager"}'::jsonb),
  ('Escalate when not acted on: Account paid off', 'escalation', '{"category":"accountPaidOff","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"finance-manager"}'::jsonb),
  ('Escalate when not acted on: Work order variation to approve', 'escalation', '{"category":"workOrderVariation","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"repairs-manager"}'::jsonb),
  ('Escalate when not acted on: Follow-on work required', 'escalation', '{"category":"followOnWork","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"repairs-manager"}'::jsonb),
  ('Escalate when not acted on: High-cost authorisation pending', 'escalation', '{"category":"highCostAuthorisation","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"repairs-manager"}'::jsonb),
  ('Escalate when not acted on: Death of a tenant', 'escalation', '{"category":"deathOfTenant","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"admin"}'::jsonb),
  ('Escalate when not acted on: Cautionary contact recorded', 'escalation', '{"category":"cautionaryContact","remindAfter":"P1D","escalateAfter":"P2D","timeMode":"working","fallbackRole":"admin"}'::jsonb),
  ('Process stalled for 2 weeks', 'stalled', '{"category":"processThreshold","targetType":"process","after":"P14D","timeMode":"calendar","closingEventTypes":["ProcessClosedEvent","ProcessCompletedEvent"],"audience":{"team":"housing-officers"}}'::jsonb),
  ('Visit reminder to the resident, 7 days and 1 day before', 'reminder', '{"category":"visitDue","recipient":"resident","offsets":["P7D","P1D"],"timeMode":"calendar","channel":"preferred"}'::jsonb),
  ('Visit reminder to the officer, 08:00 the working day before', 'reminder', '{"category":"visitDue","recipient":"officer","offsets":["P1D"],"timeMode":"working","channel":"inbox","at":"08:00"}'::jsonb);
