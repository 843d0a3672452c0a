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
  let listens = 0;
  const subscription = await handle.postgresClient.listen(notificationEventsChannel, onPayload, () => {
    listens += 1;
    listener.onListening(listens > 1);
  });
  return () => subscription.unlisten();
}
