import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import { notificationEventsChannel } from "./record-event";

export type EventListener = {
  /** Called with each position given to an event, after its transaction committed. */
  onEventPosition: (position: number) => void;
  /** Called when the listen is (re-)established; `reconnected` means announcements may have been missed meanwhile. */
  onListening: (reconnected: boolean) => void;
};

/**
 * Starts this process's one LISTEN on the notification events channel and returns how to stop it.
 * PostgreSQL: postgres.js keeps a dedicated connection for it (outside the query pool) and listens
 * again after a reconnect. PGlite: its own in-process LISTEN, which like the server announces a
 * NOTIFY only when its transaction commits, so both drivers keep the same rollback guarantee.
 */
export async function listenForNotificationEvents(
  handle: DatabaseHandle,
  listener: EventListener,
): Promise<() => Promise<void>> {
  const onPayload = (payload: string) => {
    const position = Number(payload);
    if (Number.isSafeInteger(position) && position > 0) listener.onEventPosition(position);
  };
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(notificationEventsChannel, onPayload);
    listener.onListening(false);
    return () => unlisten();
  }
  if (!handle.postgresClient) throw new Error("This database handle has no client to LISTEN on");
  return listenOnPostgres(handle.postgresClient, onPayload, listener);
}

// How often the listener checks that it still hears its own channel, and how long a silence means it does not.
const PING_INTERVAL_MS = 1_000;
const SILENCE_LIMIT_MS = 3_500;

/**
 * postgres.js keeps a dedicated connection for LISTEN and listens again once after that connection
 * closes, but if the database is still down at that moment the attempt fails silently and the
 * channel is dropped for good: after a PostgreSQL restart a replica could stay deaf to every event.
 * So the process pings its own channel every second (a payload no event id parses as) and, after
 * a silence, listens again, which reports `reconnected` so the hub catches up from the table.
 */
async function listenOnPostgres(
  client: NonNullable<DatabaseHandle["postgresClient"]>,
  onEventPayload: (payload: string) => void,
  listener: EventListener,
): Promise<() => Promise<void>> {
  const ping = `ping:${randomUUID()}`;
  let heardAt = Date.now();
  let listens = 0;
  const onPayload = (payload: string) => {
    if (payload === ping) heardAt = Date.now();
    else onEventPayload(payload);
  };
  const onListen = () => {
    heardAt = Date.now();
    listens += 1;
    listener.onListening(listens > 1);
  };
  let subscription = await client.listen(notificationEventsChannel, onPayload, onListen);
  let relistening = false;
  const timer = setInterval(() => {
    if (Date.now() - heardAt > SILENCE_LIMIT_MS && !relistening) {
      relistening = true;
      const lost = subscription;
      void lost
        .unlisten()
        .catch(() => undefined)
        .then(() => client.listen(notificationEventsChannel, onPayload, onListen))
        .then((renewed) => (subscription = renewed))
        .catch(() => undefined)
        .finally(() => (relistening = false));
    }
    client`select pg_notify(${notificationEventsChannel}, ${ping})`.catch(() => undefined);
  }, PING_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await subscription.unlisten();
  };
}
