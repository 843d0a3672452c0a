-- A read-only view for analysts and reporting tools (Qlik): one row per activity, author flattened.
-- Grant it to a reporting role rather than the tables: GRANT SELECT ON activity_history_report TO analysts;
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
  new_data
FROM activities;
