-- recorded_at is the server's time, never the writer's: whatever an insert sends, the row gets the
-- time of the transaction that stored it. created_at stays the writer's claim of when it happened.
CREATE FUNCTION stamp_activity_recorded_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.recorded_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER activities_recorded_at
  BEFORE INSERT ON activities
  FOR EACH ROW EXECUTE FUNCTION stamp_activity_recorded_at();
--> statement-breakpoint
-- The analysts' view (0004) gains the provenance columns at its end: the real author stays in
-- author_name/author_email, the person a client acted for is beside it, and recorded_at shows back-dating.
CREATE OR REPLACE VIEW activity_history_report AS
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
