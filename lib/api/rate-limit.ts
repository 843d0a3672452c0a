import { getSettings } from "@/lib/config/settings";
import { ApiError, type FieldError } from "./errors";

/**
 * Fixed-window counters kept in this process. With several replicas each enforces its own share,
 * so the effective limit is the configured one times the replica count: set it accordingly.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  // The cap is read on use, not at import: it comes from the validated settings, which a bad value
  // makes refuse at start-up rather than fall back to a default here.
  constructor(
    private readonly readLimit: () => number,
    readonly windowMs: number,
  ) {}

  get limit(): number {
    return this.readLimit();
  }

  /** Counts one use of `key`; when the window is full, says how many seconds until it resets. */
  consume(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
      return { allowed: true };
    }
    if (window.count >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    }
    window.count += 1;
    return { allowed: true };
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/** Consumes one use or throws 429 with Retry-After, naming `errors` when one field is to blame. */
export function enforceLimit(limiter: FixedWindowLimiter, key: string, detail: string, errors?: FieldError[]): void {
  const result = limiter.consume(key);
  if (!result.allowed) {
    throw new ApiError("rate_limited", `${detail}; try again in ${result.retryAfterSeconds} s`, {
      headers: { "retry-after": String(result.retryAfterSeconds) },
      errors,
    });
  }
}

/** Requests per minute per API client (RATE_LIMIT_PER_MINUTE, default 1200). */
export const clientRequestLimiter = new FixedWindowLimiter(
  () => getSettings().limits.requestsPerMinutePerClient,
  60_000,
);

/** Notifications per hour from one caller to one recipient (RECIPIENT_LIMIT_PER_HOUR, default 60). */
export const recipientLimiter = new FixedWindowLimiter(
  () => getSettings().limits.notificationsPerHourPerRecipient,
  3_600_000,
);
