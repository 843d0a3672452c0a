import type { DatabaseHandle } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { logger } from "@/lib/logging/logger";
import { operationsMetrics } from "@/lib/operations/metrics";
import { processSingleton } from "@/lib/runtime/process-singleton";
import { latestEventPosition, readAddressedEventsAfter, type AddressedEvent, type StreamEvent } from "./events";
import { listenForNotificationEvents } from "./listen";

export type Subscriber = (event: StreamEvent) => void;

// Events read per query; a longer backlog is read in several.
const READ_BATCH = 1_000;
// A batch that cannot be read (the database blipped) is tried again this long after.
const RETRY_DELAY_MS = 1_000;

/** Who a stream is for: a person hears about their receipts; a client service about what it created. */
export function audienceKeyOf(caller: Caller): string {
  return `${caller.kind}:${caller.id}`;
}

/**
 * The process's fan-out point: one LISTEN, and a map from audience key to that audience's open
 * streams. A NOTIFY only wakes the hub; it then reads every event after the last position it
 * delivered. Positions become visible in commit order, so reading on from a position misses
 * nothing, and wake-ups that arrive while a batch is being read cost no extra query.
 */
export class NotificationHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  // Every event up to here has been handed to the streams open at the time.
  private deliveredThrough = 0;
  // The highest position a NOTIFY has named: committed, so everything up to it is visible.
  private announcedThrough = 0;
  // A wake-up with no position (listening again after a dropped connection) must read to find out.
  private positionUnknown = false;
  private started = false;
  private wanted = false;
  private draining = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopListening: (() => Promise<void>) | undefined;

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    this.stopListening = await listenForNotificationEvents(this.handle, {
      onEventPosition: (position) => this.wake(position),
      // Announcements made while the connection was down are lost; the table still has the rows.
      onListening: (reconnected) => reconnected && this.wake(),
    });
    // Listening first, then the starting point: anything committed in between is read, not lost.
    this.deliveredThrough = Math.max(this.deliveredThrough, await latestEventPosition(this.handle.db));
    this.started = true;
    if (this.wanted) void this.drain();
  }

  async stop(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.stopListening?.();
    operationsMetrics().openStreams.dec(this.subscriberCount);
    // Emptied too, so a stream that unsubscribes after the stop is not counted off twice.
    for (const set of this.subscribers.values()) set.clear();
    this.subscribers.clear();
  }

  /**
   * Registers a stream; it hears every event after `position` (read at the same moment), and
   * `unsubscribe` removes it. A fresh stream sends `position` as its first event id, so a browser
   * that drops before any event arrives still resumes from it.
   */
  subscribe(audienceKey: string, subscriber: Subscriber): { unsubscribe: () => void; position: number } {
    let set = this.subscribers.get(audienceKey);
    if (!set) this.subscribers.set(audienceKey, (set = new Set()));
    set.add(subscriber);
    operationsMetrics().openStreams.inc();
    const unsubscribe = () => {
      if (set.delete(subscriber)) operationsMetrics().openStreams.dec();
      if (set.size === 0 && this.subscribers.get(audienceKey) === set) this.subscribers.delete(audienceKey);
    };
    return { unsubscribe, position: this.deliveredThrough };
  }

  /** Open streams in this process, for tests and diagnostics. */
  get subscriberCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  private wake(position?: number): void {
    if (position === undefined) this.positionUnknown = true;
    else if (position <= this.deliveredThrough) return;
    else this.announcedThrough = Math.max(this.announcedThrough, position);
    this.wanted = true;
    if (this.started && !this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.wanted) {
        this.wanted = false;
        if (this.subscribers.size === 0 && !this.positionUnknown) {
          // No one to tell: skip ahead without reading.
          this.deliveredThrough = Math.max(this.deliveredThrough, this.announcedThrough);
          continue;
        }
        this.positionUnknown = false;
        let events: AddressedEvent[];
        try {
          events = await readAddressedEventsAfter(this.handle.db, this.deliveredThrough, READ_BATCH);
        } catch (error) {
          logger.error({ err: error }, "realtime: could not read events after a wake-up, trying again");
          this.positionUnknown = true;
          this.retryLater();
          return;
        }
        this.deliver(events);
        if (events.length > 0) this.deliveredThrough = events[events.length - 1]!.id;
        if (events.length === READ_BATCH) this.wanted = true;
      }
    } finally {
      this.draining = false;
    }
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.wake();
    }, RETRY_DELAY_MS);
    this.retryTimer.unref();
  }

  private deliver(events: AddressedEvent[]): void {
    for (const { userIds, clientId, ...event } of events) {
      const keys = userIds.map((userId) => `person:${userId}`);
      if (clientId) keys.push(`client:${clientId}`);
      for (const key of keys) {
        for (const subscriber of this.subscribers.get(key) ?? []) {
          try {
            subscriber(event);
          } catch (error) {
            logger.error({ err: error }, "realtime: a subscriber failed");
          }
        }
      }
    }
  }
}

// One hub per database handle for the whole process, so `next dev` module reloads share it. Tests
// that swap in a fresh database get a fresh hub with it.
const hubs = processSingleton("notification-hubs", () => new WeakMap<DatabaseHandle, Promise<NotificationHub>>()).get();

/** The hub for this database, listening before it is returned so nothing committed afterwards is missed. */
export function getNotificationHub(handle: DatabaseHandle): Promise<NotificationHub> {
  let hub = hubs.get(handle);
  if (!hub) {
    const created = new NotificationHub(handle);
    hub = created.start().then(() => created);
    hubs.set(handle, hub);
    hub.catch(() => hubs.delete(handle));
  }
  return hub;
}
