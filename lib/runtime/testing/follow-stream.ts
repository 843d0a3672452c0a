import { readServerSentEvents } from "@/lib/realtime/read-server-sent-events";

// A browser's EventSource in miniature: follows /api/v1/notifications/stream and, when the stream
// ends or fails, reconnects with Last-Event-ID set to the last id it saw, so it can be checked for
// gaps across a replica's death.

export type FollowedStream = {
  /** notificationId of every notification.created event received, in order (repeats kept). */
  created: string[];
  /** When each notification's created event first arrived, in performance.now() milliseconds. */
  arrivals: Map<string, number>;
  /** `retry:` hints received after the first (a draining replica sends one as it closes the stream). */
  retryHints: number;
  /** The Last-Event-ID sent on each reconnect, as numbers. */
  resumedFrom: number[];
  /** How many times the stream (re)connected and got its opening counts. */
  connections: number;
  /** Resolves once the stream is connected (its counts event arrived) `count` times in all. */
  connected: (count: number) => Promise<void>;
  close: () => Promise<void>;
};

/** `reconnectUrl`: where a reconnect goes (a browser's EventSource goes back through the balancer). */
export function followStream(
  baseUrl: string,
  cookie: string,
  { reconnectMs = 200, reconnectUrl = baseUrl } = {},
): FollowedStream {
  const abort = new AbortController();
  let lastEventId: string | undefined;
  const stream: FollowedStream = {
    created: [],
    arrivals: new Map(),
    retryHints: 0,
    resumedFrom: [],
    connections: 0,
    connected,
    close,
  };
  const waiting: { count: number; resolve: () => void }[] = [];

  function connected(count: number): Promise<void> {
    if (stream.connections >= count) return Promise.resolve();
    return new Promise((resolve) => waiting.push({ count, resolve }));
  }

  async function readOnce(): Promise<void> {
    const headers: Record<string, string> = { cookie };
    if (lastEventId !== undefined) {
      headers["last-event-id"] = lastEventId;
      stream.resumedFrom.push(Number(lastEventId));
    }
    const url = stream.connections === 0 ? baseUrl : reconnectUrl;
    const response = await fetch(`${url}/api/v1/notifications/stream`, { headers, signal: abort.signal });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return;
    }
    // readServerSentEvents drops `retry:` fields, as EventSource consumes them itself; count them on
    // the way past. The first on each connection is the opening hint, any later one a closing hint.
    let retryLines = 0;
    const decoder = new TextDecoder();
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          for (const _ of decoder.decode(chunk, { stream: true }).matchAll(/^retry:/gm)) {
            retryLines += 1;
            if (retryLines > 1) stream.retryHints += 1;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    let opened = false;
    for await (const event of readServerSentEvents(counted)) {
      if (event.id !== undefined) lastEventId = event.id;
      // The first counts event says the stream is subscribed; later ones follow each change.
      if (event.event === "counts" && !opened) {
        opened = true;
        stream.connections += 1;
        for (const wait of waiting.filter((each) => stream.connections >= each.count)) wait.resolve();
      } else if (event.event === "notification.created") {
        const { notificationId } = JSON.parse(event.data) as { notificationId: string };
        stream.created.push(notificationId);
        if (!stream.arrivals.has(notificationId)) stream.arrivals.set(notificationId, performance.now());
      }
    }
  }

  const running = (async () => {
    while (!abort.signal.aborted) {
      await readOnce().catch(() => undefined);
      if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, reconnectMs));
    }
  })();

  async function close(): Promise<void> {
    abort.abort();
    await running;
  }
  return stream;
}
