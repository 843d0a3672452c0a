-- Directory changes get target types of their own (review of issue 11). They were written as
-- `person` (users.id) and `team`, so anyone whose history covers `person` (finance, housing and
-- contact-centre staff; clients with activity:read) could read colleagues' contact-detail changes.
--
-- Moving the old rows: activities is append-only (0015 refuses every UPDATE), and an enum value
-- added by ADD VALUE cannot be used before the migration's transaction commits (see 0017). So, as
-- 0017 does, the type is rebuilt, and the column is retyped onto it with a USING expression that
-- classes each old row. Retyping a column is a schema change by the owner, not a row UPDATE: the
-- trigger does not fire and no other column of any row changes (ids, times, authors, data stay).
-- The analysts' view (0014) depends on the column, so it is dropped and recreated unchanged.
--
-- Which old rows are the directory's: every `team` row (the type existed only for the directory),
-- and `person` rows the directory or single sign-on wrote (source_domain "Directory" or
-- "Single sign-on") about a sign-in account (a users.id; users are never deleted). A client's
-- history about a council person keeps `person`.
CREATE FUNCTION directory_history_type_0026(old_type text, source text, target uuid) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN old_type = 'team' THEN 'directoryTeam'
    WHEN old_type = 'person' AND source IN ('Directory', 'Single sign-on')
      AND EXISTS (SELECT 1 FROM users WHERE users.id = target) THEN 'directoryPerson'
    ELSE old_type
  END
$$;--> statement-breakpoint
DROP VIEW activity_history_report;--> statement-breakpoint
ALTER TYPE "public"."activity_target_type" RENAME TO "activity_target_type_before_directory";--> statement-breakpoint
CREATE TYPE "public"."activity_target_type" AS ENUM('person', 'asset', 'tenure', 'contactDetails', 'tenureActivity', 'tenurePerson', 'personEqualityInformation', 'housingApplication', 'process', 'contract', 'cautionaryAlert', 'patchesAndAreas', 'workOrder', 'notification', 'directoryPerson', 'directoryTeam', 'rule');--> statement-breakpoint
ALTER TABLE "activities" ALTER COLUMN "target_type" SET DATA TYPE "public"."activity_target_type"
  USING directory_history_type_0026("target_type"::text, "source_domain", "target_id")::"public"."activity_target_type";--> statement-breakpoint
DROP TYPE "public"."activity_target_type_before_directory";--> statement-breakpoint
DROP FUNCTION directory_history_type_0026(text, text, uuid);--> statement-breakpoint
CREATE VIEW activity_history_report AS
SELECT
  id,
  target_type::text AS target_type,
  target_id,
  type::text AS activity_type,
  created_at,
  author_details ->> 'fullName' AS author_name,
  author_details ->> 'email' AS author_email,
  source_domain,
  timeto_live_for_record AS time_to_live_days,
  old_data,
  new_data,
  on_behalf_of ->> 'fullName' AS on_behalf_of_name,
  on_behalf_of ->> 'email' AS on_behalf_of_email,
  recorded_at
FROM activities;
