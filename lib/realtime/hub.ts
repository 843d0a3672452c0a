import type { DatabaseHandle } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { logger } from "@/lib/logging/logger";
import { processSingleton } from "@/lib/runtime/process-singleton";
import { latestEventId, listEventIdsAfter, readAddressedEvents, type AddressedEvent, type StreamEvent } from "./events";
import { listenForNotificationEvents } from "./listen";

export type Subscriber = (event: StreamEvent) => void;

// Enough to drop the overlap when a reconnecting listener catches up on ids it may also be told about.
const RECENT_IDS_KEPT = 2_048;
const CATCH_UP_LIMIT = 5_000;
// A batch that cannot be read (the database blipped) is tried again a few times, a second apart.
const READ_ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;

/** Who a stream is for: a person hears about their receipts; a client service about what it created. */
export function audienceKeyOf(caller: Caller): string {
  return `${caller.kind}:${caller.id}`;
}

/**
 * The process's fan-out point: one LISTEN, and a map from audience key to that audience's open
 * streams. Announcements that arrive while a batch is being read are coalesced into the next
 * batch, so a burst of changes costs one query per batch, not one per event or per stream.
 */
export class NotificationHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pending = new Set<number>();
  private readonly recent = new Set<number>();
  private readonly failedReads = new Map<number, number>();
  private draining = false;
  private highestSeenId = 0;
  private stopListening: (() => Promise<void>) | undefined;

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    this.stopListening = await listenForNotificationEvents(this.handle, {
      onEventId: (id) => this.announce([id]),
      onListening: (reconnected) => void this.onListening(reconnected),
    });
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.subscribers.clear();
  }

  /** Registers a stream; returns the function that removes it. */
  subscribe(audienceKey: string, subscriber: Subscriber): () => void {
    let set = this.subscribers.get(audienceKey);
    if (!set) this.subscribers.set(audienceKey, (set = new Set()));
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(audienceKey) === set) this.subscribers.delete(audienceKey);
    };
  }

  /** Open streams in this process, for tests and diagnostics. */
  get subscriberCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  private async onListening(reconnected: boolean): Promise<void> {
    try {
      if (!reconnected) {
        this.highestSeenId = Math.max(this.highestSeenId, await latestEventId(this.handle.db));
        return;
      }
      // Announcements made while the connection was down are lost; the table still has the rows.
      this.announce(await listEventIdsAfter(this.handle.db, this.highestSeenId, CATCH_UP_LIMIT));
    } catch (error) {
      logger.error({ err: error }, "realtime: could not catch up after listening again");
    }
  }

  private announce(ids: number[]): void {
    for (const id of ids) if (!this.recent.has(id)) this.pending.add(id);
    if (!this.draining && this.pending.size > 0) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.size > 0) {
        const ids = [...this.pending].sort((a, b) => a - b);
        this.pending.clear();
        if (this.subscribers.size === 0) {
          this.remember(ids);
          continue;
        }
        try {
          this.deliver(await readAddressedEvents(this.handle.db, ids));
          this.remember(ids);
        } catch (error) {
          logger.error({ err: error, eventIds: ids }, "realtime: could not read announced events");
          this.retryLater(ids);
        }
      }
    } finally {
      this.draining = false;
    }
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

  private retryLater(ids: number[]): void {
    const retry = ids.filter((id) => {
      const failures = (this.failedReads.get(id) ?? 0) + 1;
      this.failedReads.set(id, failures);
      if (failures < READ_ATTEMPTS) return true;
      this.failedReads.delete(id);
      return false;
    });
    if (retry.length > 0) setTimeout(() => this.announce(retry), RETRY_DELAY_MS).unref();
  }

  private remember(ids: number[]): void {
    for (const id of ids) {
      this.failedReads.delete(id);
      this.recent.add(id);
      this.highestSeenId = Math.max(this.highestSeenId, id);
    }
    for (const id of this.recent) {
      if (this.recent.size <= RECENT_IDS_KEPT) break;
      this.recent.delete(id);
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
