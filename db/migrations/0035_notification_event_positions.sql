-- Live-event positions given at commit (see db/schema/realtime.ts). Ids come from an identity taken
-- at insert, so two transactions can commit out of id order and a stream resumed after the later id
-- would skip the earlier one. A deferred trigger gives each of a transaction's rows its position as
-- it commits, under one transaction-level advisory lock held until the commit is visible: the next
-- transaction can only take positions after that, so positions become visible in order.
ALTER TABLE "notification_events" ADD COLUMN "position" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_events_position_idx" ON "notification_events" USING btree ("position");--> statement-breakpoint
-- Existing rows keep their id as their position, so a browser holding an old Last-Event-ID resumes
-- where it was; new positions start above every id.
UPDATE "notification_events" SET "position" = "id";--> statement-breakpoint
CREATE SEQUENCE "notification_event_positions";--> statement-breakpoint
SELECT setval('notification_event_positions', coalesce((SELECT max("id") FROM "notification_events"), 0) + 1, false);--> statement-breakpoint
CREATE FUNCTION position_notification_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  given bigint;
BEGIN
  -- Any fixed number; held until this transaction's commit is visible to every other (taking it
  -- again for the transaction's next row costs nothing). A NOTIFY already makes committing
  -- transactions queue on one lock; this one makes the queue start before positions are taken.
  PERFORM pg_advisory_xact_lock(73112035);
  -- One row at a time by primary key: deferred triggers fire in insert order, so a transaction's
  -- positions follow its ids, and no plan can turn this into a scan of the table.
  given := nextval('notification_event_positions');
  UPDATE notification_events SET position = given WHERE id = NEW.id;
  PERFORM pg_notify('notification_events', given::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER notification_events_position
  AFTER INSERT ON notification_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION position_notification_event();
