import type { DatabaseHandle } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { logger } from "@/lib/logging/logger";
import { countNotifications } from "@/lib/notifications/count-notifications";
import { getDrain } from "@/lib/runtime/drain";
import { listMissedEvents, type StreamEvent } from "./events";
import { audienceKeyOf, getNotificationHub } from "./hub";
import { formatComment, formatEvent, formatRetry } from "./server-sent-events";

export type StreamTiming = {
  /** The reconnect delay suggested to EventSource. */
  retryMs: number;
  /** Comment lines at this interval keep proxies from closing a quiet stream (most give up after 30–60 s). */
  heartbeatMs: number;
  /** A burst of changes gives one counts event this long after its first change, not one per change. */
  countsDelayMs: number;
  /** At most this many missed events are replayed on reconnect. */
  replayLimit: number;
};

const defaultStreamTiming: StreamTiming = { retryMs: 3_000, heartbeatMs: 20_000, countsDelayMs: 100, replayLimit: 500 };

// A client that stops reading is dropped rather than buffered for without end; it reconnects and replays.
const MAX_QUEUED_CHUNKS = 1_000;

export type NotificationStreamOptions = {
  /** Resume after this event position (Last-Event-ID); null for a fresh stream. */
  lastEventId: number | null;
  /** Ends the stream, e.g. the request's signal when the client goes away. */
  signal: AbortSignal;
  timing?: Partial<StreamTiming>;
};

/**
 * The caller's live notification stream as Server-Sent Events: a retry hint and the current
 * counts, any events missed since `lastEventId`, then each change as it commits, each followed
 * (debounced) by fresh counts. Reads that can fail happen before the stream is returned, so a
 * database error is an ordinary error response rather than a stream that dies at once.
 */
export async function openNotificationStream(
  handle: DatabaseHandle,
  caller: Caller,
  options: NotificationStreamOptions,
): Promise<ReadableStream<Uint8Array>> {
  const timing = { ...defaultStreamTiming, ...options.timing };
  const { db } = handle;
  const hub = await getNotificationHub(handle);

  // Subscribed before the counts and the replay are read, so a change committed in between is
  // held here rather than lost; the replay and the held events are then merged without repeats.
  const held: StreamEvent[] = [];
  let deliver: (event: StreamEvent) => void = (event) => held.push(event);
  const { unsubscribe, position: subscribedAfter } = hub.subscribe(audienceKeyOf(caller), (event) => deliver(event));
  let initial: [{ unread: number; actionRequired: number }, StreamEvent[]];
  try {
    initial = await Promise.all([
      countNotifications(db, caller),
      options.lastEventId === null ? [] : listMissedEvents(db, caller, options.lastEventId, timing.replayLimit),
    ]);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const [counts, missed] = initial;

  const shutdown = getDrain().signal;
  let close = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let countsTimer: ReturnType<typeof setTimeout> | undefined;
      let countsRunning = false;
      let countsAgain = false;

      const send = (chunk: Uint8Array) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) return close();
        controller.enqueue(chunk);
      };
      const refreshCounts = async () => {
        countsTimer = undefined;
        countsRunning = true;
        try {
          send(formatEvent({ event: "counts", data: await countNotifications(db, caller) }));
        } catch (error) {
          logger.warn({ err: error }, "realtime: could not refresh counts for a stream");
        } finally {
          countsRunning = false;
          if (countsAgain) {
            countsAgain = false;
            scheduleCounts();
          }
        }
      };
      const scheduleCounts = () => {
        if (closed || countsTimer) return;
        // A change that lands while counts are being read gets its own, later read.
        if (countsRunning) countsAgain = true;
        else countsTimer = setTimeout(() => void refreshCounts(), timing.countsDelayMs);
      };
      const sendEvent = (event: StreamEvent) => {
        send(
          formatEvent({
            id: event.id,
            event: event.type,
            data: { notificationId: event.notificationId, type: event.type },
          }),
        );
        scheduleCounts();
      };

      send(formatRetry(timing.retryMs));
      // A fresh stream's counts carry the position it starts from, so a browser that drops before
      // any change arrives resumes there; a resumed stream's keep the browser's own Last-Event-ID.
      send(
        formatEvent({ id: options.lastEventId === null ? subscribedAfter : undefined, event: "counts", data: counts }),
      );
      for (const event of missed) sendEvent(event);
      // Held events came after the subscription; the replay may have read some of them too, and on
      // another replica's stream the browser may already have had some (this hub can lag that one's).
      const replayedThrough = Math.max(options.lastEventId ?? 0, missed.at(-1)?.id ?? 0);
      for (const event of held) if (event.id > replayedThrough) sendEvent(event);
      deliver = sendEvent;
      const heartbeat = setInterval(() => send(formatComment("keep-alive")), timing.heartbeatMs);

      close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(countsTimer);
        options.signal.removeEventListener("abort", close);
        shutdown.removeEventListener("abort", closeForShutdown);
        try {
          controller.close();
        } catch {
          // Already closed or errored by the consumer's side.
        }
      };
      // On shutdown: a fresh retry hint, spread over up to twice the usual delay so this server's
      // streams do not all reconnect to the remaining ones at the same instant, then the end.
      const closeForShutdown = () => {
        send(formatRetry(timing.retryMs + Math.floor(Math.random() * timing.retryMs)));
        close();
      };
      if (options.signal.aborted) close();
      else options.signal.addEventListener("abort", close, { once: true });
      if (shutdown.aborted) closeForShutdown();
      else shutdown.addEventListener("abort", closeForShutdown, { once: true });
    },
    cancel() {
      close();
    },
  });
}
