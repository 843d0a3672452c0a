-- The notification audit trail is append-only: no UPDATE or DELETE, by the app or anyone else.
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'notification_actions is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notification_actions_append_only
  BEFORE UPDATE OR DELETE ON notification_actions
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER notification_actions_no_truncate
  BEFORE TRUNCATE ON notification_actions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
