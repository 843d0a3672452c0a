import type { Database } from "@/db/client";
import { getSettings } from "@/lib/config/settings";
import { ApiError, type FieldError } from "./errors";
import { countUses, usesInWindow } from "./rate-limit-windows";

export type LimitRefusal = { allowed: false; key: string; retryAfterSeconds: number };
/** A key that went over: its uses before this count, and the seconds until its window resets. */
export type OverLimit = { usedBefore: number; retryAfterSeconds: number };

/**
 * Fixed-window counters shared by every replica: the windows are rows in rate_limit_windows
 * (lib/api/rate-limit-windows.ts), counted on the database's clock. A key's window opens with its
 * first use and lasts `windowMs`. `name` keeps each limiter's keys apart in the one table.
 */
export class FixedWindowLimiter {
  // The cap is read on use, not at import: it comes from the validated settings, which a bad value
  // makes refuse at start-up rather than fall back to a default here.
  constructor(
    readonly name: string,
    private readonly readLimit: () => number,
    readonly windowMs: number,
  ) {}

  get limit(): number {
    return this.readLimit();
  }

  /** How many more uses `key` may have in its current window. */
  async remaining(db: Database, key: string, now?: Date): Promise<number> {
    const used = (await usesInWindow(db, [this.rowKey(key)], now)).get(this.rowKey(key)) ?? 0;
    return Math.max(0, this.limit - used);
  }

  /**
   * Counts one use of `key`; when the window is full, says how many seconds until it resets. One
   * statement, committed on its own: a refused use is counted too, which changes nothing, since
   * the key's window is full until the same moment either way.
   */
  async consume(db: Database, key: string, now?: Date): Promise<{ allowed: true } | LimitRefusal> {
    const result = await this.consumeAll(db, new Map([[key, 1]]), now);
    return result.allowed ? result : { allowed: false, key, retryAfterSeconds: result.retryAfterSeconds };
  }

  /**
   * Counts `uses` (key → how many) in one statement and names the keys that went over, each with
   * its count before these uses. Run it in the transaction of the work the uses are for: a refusal
   * must roll that back, which takes the uses back with it (all or nothing, counted once).
   */
  async consumeAll(
    db: Database,
    uses: ReadonlyMap<string, number>,
    now?: Date,
  ): Promise<{ allowed: true } | (LimitRefusal & { over: Map<string, OverLimit> })> {
    const counted = await countUses(
      db,
      new Map([...uses].map(([key, count]) => [this.rowKey(key), count])),
      this.windowMs / 1000,
      now,
    );
    const over = new Map<string, OverLimit>();
    for (const [key, count] of uses) {
      const window = counted.get(this.rowKey(key))!;
      if (window.count > this.limit)
        over.set(key, { usedBefore: window.count - count, retryAfterSeconds: window.retryAfterSeconds });
    }
    const [first] = over;
    if (!first) return { allowed: true };
    return { allowed: false, key: first[0], retryAfterSeconds: first[1].retryAfterSeconds, over };
  }

  private rowKey(key: string): string {
    return `${this.name}:${key}`;
  }
}

/** The 429 for a full window, with Retry-After, naming `errors` when one field is to blame. */
export function rateLimitedError(detail: string, retryAfterSeconds: number, errors?: FieldError[]): ApiError {
  return new ApiError("rate_limited", `${detail}; try again in ${retryAfterSeconds} s`, {
    headers: { "retry-after": String(retryAfterSeconds) },
    errors,
  });
}

/** Consumes one use or throws 429 with Retry-After, naming `errors` when one field is to blame. */
export async function enforceLimit(
  db: Database,
  limiter: FixedWindowLimiter,
  key: string,
  detail: string,
  errors?: FieldError[],
): Promise<void> {
  const result = await limiter.consume(db, key);
  if (!result.allowed) throw rateLimitedError(detail, result.retryAfterSeconds, errors);
}

/** Requests per minute per API client (RATE_LIMIT_PER_MINUTE, default 1200). */
export const clientRequestLimiter = new FixedWindowLimiter(
  "client-requests",
  () => getSettings().limits.requestsPerMinutePerClient,
  60_000,
);

/**
 * Requests per minute per signed-in person (PERSON_RATE_LIMIT_PER_MINUTE, default 600): a page
 * makes a handful of requests, so this stops only a script running on someone's session.
 */
export const personRequestLimiter = new FixedWindowLimiter(
  "person-requests",
  () => getSettings().limits.requestsPerMinutePerPerson,
  60_000,
);

/**
 * Notifications per hour from one caller to one person (however addressed: by id, team or role),
 * email address or mobile number (RECIPIENT_LIMIT_PER_HOUR, default 60).
 */
export const recipientLimiter = new FixedWindowLimiter(
  "recipient",
  () => getSettings().limits.notificationsPerHourPerRecipient,
  3_600_000,
);
