ALTER TABLE "deliveries" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
-- Erasure of a person's details (lib/personal-data/erase-person.ts) must reach the two append-only
-- audit trails. It may, under its own transaction-local guard, UPDATE a row so that personal values
-- become "[erased]" (wholly, or where the person's name, email or number stood inside a string), and
-- nothing else: who acted (ids), when, what type, what record, and the shape of the data stay as they were.
-- is_redaction_of says whether `after` is `before` with only string values redacted that way.
CREATE FUNCTION is_redaction_of(before jsonb, after jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  member text;
  position_in_array integer;
BEGIN
  IF before IS NOT DISTINCT FROM after THEN RETURN true; END IF;
  IF before IS NULL OR after IS NULL OR jsonb_typeof(before) <> jsonb_typeof(after) THEN RETURN false; END IF;
  IF jsonb_typeof(before) = 'string' THEN
    RETURN position('[erased]' in (after #>> '{}')) > 0;
  END IF;
  IF jsonb_typeof(before) = 'object' THEN
    IF (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(before) k)
       IS DISTINCT FROM (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(after) k) THEN
      RETURN false;
    END IF;
    FOR member IN SELECT jsonb_object_keys(before) LOOP
      IF NOT is_redaction_of(before -> member, after -> member) THEN RETURN false; END IF;
    END LOOP;
    RETURN true;
  END IF;
  IF jsonb_typeof(before) = 'array' THEN
    IF jsonb_array_length(before) <> jsonb_array_length(after) THEN RETURN false; END IF;
    FOR position_in_array IN 0 .. jsonb_array_length(before) - 1 LOOP
      IF NOT is_redaction_of(before -> position_in_array, after -> position_in_array) THEN RETURN false; END IF;
    END LOOP;
    RETURN true;
  END IF;
  -- Numbers and booleans are never personal details here: they may not change.
  RETURN false;
END;
$$;
--> statement-breakpoint
-- Replaces 0015's function: the purge's DELETE as before, plus erasure's redacting UPDATE.
CREATE OR REPLACE FUNCTION refuse_activity_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF TG_OP = 'UPDATE' AND current_setting('notification_centre.erase_personal_data', true) = 'on' THEN
    IF NEW.id = OLD.id
      AND NEW.target_type = OLD.target_type
      AND NEW.target_id = OLD.target_id
      AND NEW.type = OLD.type
      AND NEW.created_at = OLD.created_at
      AND NEW.recorded_at = OLD.recorded_at
      AND NEW.source_domain IS NOT DISTINCT FROM OLD.source_domain
      AND NEW.timeto_live_for_record = OLD.timeto_live_for_record
      AND NEW.expires_at IS NOT DISTINCT FROM OLD.expires_at
      AND NEW.author_details -> 'id' IS NOT DISTINCT FROM OLD.author_details -> 'id'
      AND NEW.on_behalf_of -> 'id' IS NOT DISTINCT FROM OLD.on_behalf_of -> 'id'
      AND is_redaction_of(OLD.author_details, NEW.author_details)
      AND is_redaction_of(OLD.on_behalf_of, NEW.on_behalf_of)
      AND is_redaction_of(OLD.old_data, NEW.old_data)
      AND is_redaction_of(OLD.new_data, NEW.new_data) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'activities is append-only: erasure may only redact personal values'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'activities is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Replaces 0002's function: still append-only, except erasure redacting the note or the actor's name.
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('notification_centre.erase_personal_data', true) = 'on' THEN
    IF NEW.id = OLD.id
      AND NEW.notification_id = OLD.notification_id
      AND NEW.action_type = OLD.action_type
      AND NEW.performed_by_user_id IS NOT DISTINCT FROM OLD.performed_by_user_id
      AND NEW.performed_by_client_id IS NOT DISTINCT FROM OLD.performed_by_client_id
      AND NEW.performed_at = OLD.performed_at
      AND (NEW.action_note IS NOT DISTINCT FROM OLD.action_note OR position('[erased]' in NEW.action_note) > 0)
      AND (NEW.performed_by = OLD.performed_by OR position('[erased]' in NEW.performed_by) > 0) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'notification_actions is append-only: erasure may only redact personal values'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'notification_actions is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
