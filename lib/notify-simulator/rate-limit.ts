import type { KeyType } from "./api-keys";
import { dailyLimitError, rateLimitError } from "./errors";
import type { TemplateType } from "./templates";

// Notify's limits (notifications-api app/notifications/validators.py): a token bucket per service
// and key type for POSTs, refilled at requests/perSeconds tokens a second and holding at most
// min(ceil(requests / 3) + 1, 1000) tokens; and per-day counters that test keys do not touch.

export type RateLimit = { requests: number; perSeconds: number };

export const defaultRateLimit: RateLimit = { requests: 3000, perSeconds: 60 };

export type RateLimiter = {
  /** Takes one token or throws Notify's 429 RateLimitError. */
  take(serviceId: string, keyType: KeyType, nowMilliseconds: number): void;
  setLimit(limit: RateLimit): void;
  readonly limit: RateLimit;
};

export function bucketCapacity({ requests }: RateLimit): number {
  return Math.min(Math.ceil(requests / 3) + 1, 1000);
}

export function createRateLimiter(initial: RateLimit): RateLimiter {
  let limit = initial;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  return {
    take(serviceId, keyType, now) {
      const key = `${serviceId}-tokens-${keyType}`;
      const capacity = bucketCapacity(limit);
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now };
      const refilled = ((now - bucket.updatedAt) / 1000) * (limit.requests / limit.perSeconds);
      bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, refilled));
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) throw rateLimitError(keyType, limit.requests, limit.perSeconds);
      bucket.tokens -= 1;
    },
    setLimit(next) {
      limit = next;
      buckets.clear();
    },
    get limit() {
      return limit;
    },
  };
}

export type DailyLimits = Record<TemplateType, number>;

/** Notify's defaults for a live service. */
export const defaultDailyLimits: DailyLimits = { email: 250_000, sms: 250_000, letter: 20_000 };

export type DailyLimitCounter = {
  /** Throws Notify's TooManyRequestsError when today's sends of this type have reached the limit. */
  check(type: TemplateType, nowMilliseconds: number): void;
  record(type: TemplateType, nowMilliseconds: number): void;
};

export function createDailyLimitCounter(limits: DailyLimits): DailyLimitCounter {
  const counts = new Map<string, number>();
  const keyFor = (type: TemplateType, now: number) => `${new Date(now).toISOString().slice(0, 10)}-${type}`;
  return {
    check(type, now) {
      if ((counts.get(keyFor(type, now)) ?? 0) >= limits[type]) throw dailyLimitError(type, limits[type]);
    },
    record(type, now) {
      const key = keyFor(type, now);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
  };
}
