-- Activity history is append-only, as notification_actions is (0002): no UPDATE and no TRUNCATE, by
-- the app or anyone else. The one DELETE allowed is the time-to-live purge: it must run in a
-- transaction that has set the guard below (lib/activity/append-only-guards.ts names it), and even
-- then only rows whose time to live has passed may go, by the database's clock.
-- Erasure of personal data (a later issue) will redact by UPDATE under a guard of its own, checked
-- here beside the purge's; until then every UPDATE is refused.
CREATE FUNCTION refuse_activity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('notification_centre.purge_expired_activities', true) = 'on'
      AND OLD.timeto_live_for_record > 0
      AND OLD.created_at + OLD.timeto_live_for_record * interval '24 hours' < now() THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'activities is append-only: only the purge may delete, and only rows past their time to live'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'activities is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER activities_append_only
  BEFORE UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION refuse_activity_change();
--> statement-breakpoint
CREATE TRIGGER activities_no_truncate
  BEFORE TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_activity_change();
