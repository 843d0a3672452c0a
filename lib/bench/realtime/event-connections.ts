import { readServerSentEvents } from "@/lib/realtime/read-server-sent-events";
import { progress } from "../support/progress";

export type Listener = { userId: string; cookie: string };

export type EventConnections = {
  /** When each `notificationId:userId` first arrived, in performance.now() milliseconds. */
  arrivals: Map<string, number>;
  /** Connections that ended or failed before close() was called. */
  dropped: () => number;
  close: () => Promise<void>;
};

export const arrivalKey = (notificationId: string, userId: string) => `${notificationId}:${userId}`;

/**
 * Opens one stream per listener, `concurrency` at a time, and resolves once every stream has sent
 * its first counts event (it is then subscribed). Arrival times are taken as each event is parsed.
 */
export async function openEventConnections(
  baseUrl: string,
  listeners: Listener[],
  concurrency = 50,
): Promise<EventConnections> {
  const arrivals = new Map<string, number>();
  const abort = new AbortController();
  const readers: Promise<void>[] = [];
  let dropped = 0;

  const open = (listener: Listener) =>
    new Promise<void>((ready, failed) => {
      const reading = (async () => {
        const response = await fetch(`${baseUrl}/api/v1/notifications/stream`, {
          headers: { cookie: listener.cookie },
          signal: abort.signal,
        });
        if (response.status !== 200 || !response.body)
          throw new Error(`stream answered ${response.status}: ${await response.text()}`);
        for await (const event of readServerSentEvents(response.body)) {
          if (event.event === "counts") ready();
          else if (event.event === "notification.created") {
            const key = arrivalKey(
              (JSON.parse(event.data) as { notificationId: string }).notificationId,
              listener.userId,
            );
            if (!arrivals.has(key)) arrivals.set(key, performance.now());
          }
        }
        if (!abort.signal.aborted) dropped += 1;
      })().catch((error: unknown) => {
        if (abort.signal.aborted) return;
        dropped += 1;
        failed(error);
      });
      readers.push(reading);
    });

  for (let start = 0; start < listeners.length; start += concurrency) {
    await Promise.all(listeners.slice(start, start + concurrency).map(open));
    progress(`opened ${Math.min(start + concurrency, listeners.length)} / ${listeners.length} event streams`);
  }
  return {
    arrivals,
    dropped: () => dropped,
    close: async () => {
      abort.abort();
      await Promise.all(readers);
    },
  };
}
