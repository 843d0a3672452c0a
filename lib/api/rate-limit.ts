import { getSettings } from "@/lib/config/settings";
import { ApiError, type FieldError } from "./errors";

type Window = { start: number; count: number };
export type LimitRefusal = { allowed: false; key: string; retryAfterSeconds: number };

/**
 * Fixed-window counters kept in this process's memory. With several replicas each enforces its own
 * share, so the effective limit is the configured one times the replica count: set it accordingly.
 * (Issue 14 moves the counters into PostgreSQL, shared by every replica.)
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  // The cap is read on use, not at import: it comes from the validated settings, which a bad value
  // makes refuse at start-up rather than fall back to a default here.
  constructor(
    private readonly readLimit: () => number,
    readonly windowMs: number,
  ) {}

  get limit(): number {
    return this.readLimit();
  }

  /** How many more uses `key` may have in its current window. */
  remaining(key: string, now = Date.now()): number {
    const window = this.currentWindow(key, now);
    return window ? Math.max(0, this.limit - window.count) : this.limit;
  }

  /** Seconds until `key`'s window resets (at least 1). */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const window = this.currentWindow(key, now);
    return window ? Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) : 1;
  }

  /** Counts one use of `key`; when the window is full, says how many seconds until it resets. */
  consume(key: string, now = Date.now()): { allowed: true } | LimitRefusal {
    const result = this.consumeAll(new Map([[key, 1]]), now);
    return result.allowed ? { allowed: true } : result;
  }

  /**
   * Counts `uses` (key → how many) all together or not at all: when any key lacks the room, nothing
   * is counted and the refusal names it. Synchronous, so no other request in this process can come
   * between the check and the count. `release` gives the uses back (the work they were for failed).
   */
  consumeAll(uses: Map<string, number>, now = Date.now()): { allowed: true; release: () => void } | LimitRefusal {
    for (const [key, count] of uses) {
      if (count > this.remaining(key, now))
        return { allowed: false, key, retryAfterSeconds: this.retryAfterSeconds(key, now) };
    }
    const counted: [Window, number][] = [];
    for (const [key, count] of uses) {
      let window = this.currentWindow(key, now);
      if (!window) {
        if (this.windows.size > 50_000) this.sweep(now);
        window = { start: now, count: 0 };
        this.windows.set(key, window);
      }
      window.count += count;
      counted.push([window, count]);
    }
    return {
      allowed: true,
      release: () => counted.forEach(([window, count]) => (window.count = Math.max(0, window.count - count))),
    };
  }

  private currentWindow(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && now - window.start < this.windowMs ? window : undefined;
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
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
export function enforceLimit(limiter: FixedWindowLimiter, key: string, detail: string, errors?: FieldError[]): void {
  const result = limiter.consume(key);
  if (!result.allowed) throw rateLimitedError(detail, result.retryAfterSeconds, errors);
}

/** Requests per minute per API client (RATE_LIMIT_PER_MINUTE, default 1200). */
export const clientRequestLimiter = new FixedWindowLimiter(
  () => getSettings().limits.requestsPerMinutePerClient,
  60_000,
);

/**
 * Requests per minute per signed-in person (PERSON_RATE_LIMIT_PER_MINUTE, default 600): a page
 * makes a handful of requests, so this stops only a script running on someone's session.
 */
export const personRequestLimiter = new FixedWindowLimiter(
  () => getSettings().limits.requestsPerMinutePerPerson,
  60_000,
);

/**
 * Notifications per hour from one caller to one person (however addressed: by id, team or role),
 * email address or mobile number (RECIPIENT_LIMIT_PER_HOUR, default 60).
 */
export const recipientLimiter = new FixedWindowLimiter(
  () => getSettings().limits.notificationsPerHourPerRecipient,
  3_600_000,
);
