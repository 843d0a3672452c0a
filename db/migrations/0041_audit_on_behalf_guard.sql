-- Replaces 0020's function: 0036 added on_behalf_of_user_id (whose copy a service's IsRead marked
-- read), which the erasure branch did not list among the columns that must stay, so a transaction
-- with the erasure guard set could rewrite it. It stays too, like the other ids.
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('notification_centre.erase_personal_data', true) = 'on' THEN
    IF NEW.id = OLD.id
      AND NEW.notification_id = OLD.notification_id
      AND NEW.action_type = OLD.action_type
      AND NEW.performed_by_user_id IS NOT DISTINCT FROM OLD.performed_by_user_id
      AND NEW.performed_by_client_id IS NOT DISTINCT FROM OLD.performed_by_client_id
      AND NEW.on_behalf_of_user_id IS NOT DISTINCT FROM OLD.on_behalf_of_user_id
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
