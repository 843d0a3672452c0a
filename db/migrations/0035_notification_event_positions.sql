-- Live-event positions given at commit (see db/schema/realtime.ts). Ids come from an identity taken
-- at insert, so two transactions can commit out of id order and a stream resumed after the later id
-- would skip the earlier one. A deferred trigger gives each transaction's rows their positions as it
-- commits, under one transaction-level advisory lock held until the commit is visible: the next
-- transaction can only take positions after that, so positions become visible in order.
ALTER TABLE "notification_events" ADD COLUMN "position" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_events_position_idx" ON "notification_events" USING btree ("position");--> statement-breakpoint
-- Existing rows keep their id as their position, so a browser holding an old Last-Event-ID resumes
-- where it was; new positions start above every id.
UPDATE "notification_events" SET "position" = "id";--> statement-breakpoint
CREATE SEQUENCE "notification_event_positions";--> statement-breakpoint
SELECT setval('notification_event_positions', coalesce((SELECT max("id") FROM "notification_events"), 0) + 1, false);--> statement-breakpoint
CREATE FUNCTION position_notification_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_position bigint;
BEGIN
  -- One call per inserted row, all at commit, in insert order: the first, on the transaction's
  -- lowest id, positions every row of the transaction; the rest find theirs done.
  IF NOT EXISTS (SELECT 1 FROM notification_events WHERE id = NEW.id AND position IS NULL) THEN
    RETURN NULL;
  END IF;
  -- Any fixed number; held until this transaction's commit is visible to every other. (A NOTIFY
  -- already makes committing transactions queue on one lock; this one makes the queue start here.)
  PERFORM pg_advisory_xact_lock(73112035);
  -- This transaction's rows are the ones from its lowest id on without a position: other
  -- transactions' rows are positioned by the time they are visible here. (An index of unpositioned
  -- rows would find them without the range, but costs every insert an index entry and a dead one.)
  WITH numbered AS (
    SELECT id, nextval('notification_event_positions') AS position
    FROM notification_events WHERE id >= NEW.id AND position IS NULL ORDER BY id
  ), positioned AS (
    UPDATE notification_events e SET position = numbered.position
    FROM numbered WHERE e.id = numbered.id
    RETURNING e.position
  )
  SELECT max(position) INTO last_position FROM positioned;
  -- Listeners are woken once per transaction and read from their own position onwards.
  PERFORM pg_notify('notification_events', last_position::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER notification_events_position
  AFTER INSERT ON notification_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION position_notification_events();
