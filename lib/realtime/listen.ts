import { randomUUID } from "node:crypto";
import postgres from "postgres";
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
 * PostgreSQL: a dedicated connection (outside the query pool) that listens again after any outage. PGlite: its own in-process LISTEN, which like the server announces a
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

type PostgresClient = NonNullable<DatabaseHandle["postgresClient"]>;

/**
 * LISTEN through a client of its own, made again for each attempt. postgres.js listens again once
 * after its listening connection closes; if the server is still down then, the failed attempt stays
 * cached for the channel and every later `listen()` on that client gets the same rejection, so
 * after a PostgreSQL restart a replica stayed deaf to every event. A fresh client has no such
 * cache. The process pings its own channel through the pool each second (a payload no position
 * parses as); after a silence it listens again on a fresh client, and each success reports
 * `reconnected`, so the hub catches up from the table.
 */
async function listenOnPostgres(
  client: PostgresClient,
  onEventPayload: (payload: string) => void,
  listener: EventListener,
): Promise<() => Promise<void>> {
  const ping = `ping:${randomUUID()}`;
  let heardAt = Date.now();
  let listens = 0;
  let current: postgres.Sql | undefined;
  let attempt: Promise<void> | undefined;
  const onPayload = (payload: string) => {
    if (payload === ping) heardAt = Date.now();
    else onEventPayload(payload);
  };
  // The pool's own connection settings (the same parsed options postgres.js's listen() reuses).
  const options = { ...(client.options as unknown as postgres.Options<Record<string, never>>), max: 1 };
  // One attempt at a time; one that cannot connect ends with the connect timeout.
  const listenAgain = (): Promise<void> =>
    (attempt ??= (async () => {
      const fresh = postgres(options);
      try {
        await fresh.listen(notificationEventsChannel, onPayload);
      } catch (error) {
        await fresh.end({ timeout: 0 }).catch(() => undefined);
        throw error;
      }
      const previous = current;
      current = fresh;
      heardAt = Date.now();
      listens += 1;
      listener.onListening(listens > 1);
      await previous?.end({ timeout: 0 }).catch(() => undefined);
    })().finally(() => (attempt = undefined)));
  await listenAgain();
  const stop = async () => {
    clearInterval(timer);
    await attempt?.catch(() => undefined);
    await current?.end({ timeout: 1 });
  };
  const timer = setInterval(() => {
    if (Date.now() - heardAt > SILENCE_LIMIT_MS) listenAgain().catch(() => undefined);
    client`select pg_notify(${notificationEventsChannel}, ${ping})`.catch((error: { code?: string }) => {
      // The app closed its database handle: the listener goes with it rather than connecting on alone.
      if (error?.code === "CONNECTION_ENDED") void stop();
    });
  }, PING_INTERVAL_MS);
  timer.unref();
  return stop;
}
