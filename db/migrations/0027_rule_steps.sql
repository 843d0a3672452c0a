CREATE TABLE "rule_steps" (
	"rule_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"step" text NOT NULL,
	"notification_id" uuid,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_steps_rule_id_subject_type_subject_id_step_pk" PRIMARY KEY("rule_id","subject_type","subject_id","step")
);
--> statement-breakpoint
ALTER TABLE "rule_steps" ADD CONSTRAINT "rule_steps_rule_id_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."rules"("id") ON DELETE cascade ON UPDATE no action;