import { uuidV5 } from "@/lib/notify-simulator/ids";

// When a webhook that failed is tried again: Svix's schedule (webhooks.md §1), eight attempts over
// about 28 hours, so a receiver that is down for a deploy or a night still gets every message.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** The wait before each attempt: the first at once, then +5 s, +5 min, +30 min, +2 h, +5 h, +10 h, +10 h. */
export const svixRetryDelaysMs: readonly number[] = [
  0,
  5 * second,
  5 * minute,
  30 * minute,
  2 * hour,
  5 * hour,
  10 * hour,
  10 * hour,
];

/** ±20%, so receivers that failed together are not all retried in the same second. */
const jitter = 0.2;

export type RetryPlan = {
  /** The waits before attempts 1…n (attempt 1's is ignored); its length is the number of attempts. */
  delaysMs: readonly number[];
  /** [0, 1): Math.random unless a test fixes it. */
  random?: () => number;
};

/**
 * How long to wait after failed attempt number `attemptsMade` (1-based), or null when that was the
 * last. A Retry-After from the receiver is honoured within [1×, 2×] the scheduled wait: it may ask
 * for more time, not for less, nor stall the message indefinitely.
 */
export function nextRetryDelayMs(
  attemptsMade: number,
  retryAfterMs: number | null,
  { delaysMs, random = Math.random }: RetryPlan,
): number | null {
  const scheduled = delaysMs[attemptsMade];
  if (scheduled === undefined) return null;
  if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, scheduled), 2 * scheduled);
  return Math.round(scheduled * (1 - jitter + 2 * jitter * random()));
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`; null if absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * second;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

const jobNamespace = "3b0f7f0e-7a51-4c55-9a43-58b7a4c1d9e2";

/**
 * The pg-boss job id of one try: the same message, attempt and due time always give the same id,
 * so a transaction retried, or a sweep that runs twice, cannot queue the try twice. The due time
 * is part of it because a try whose worker died must be queued again under a new id (pg-boss keeps
 * the dead job, failed, under the old one).
 */
export function deliveryJobId(messageId: string, attemptNumber: number, dueAt: Date): string {
  return uuidV5(`${messageId}:${attemptNumber}:${dueAt.toISOString()}`, jobNamespace);
}
