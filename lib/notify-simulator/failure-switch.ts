import type { KeyType } from "./api-keys";
import { internalServerError, rateLimitError } from "./errors";
import type { RateLimit } from "./rate-limit";

/** Makes a share (0–1) of authenticated requests fail with 500 or 429, for testing retries. */
export type FailureRate = { status: 500 | 429; share: number };

export type FailureSwitch = {
  set(rate: FailureRate | null): void;
  /** Throws the injected failure when this request is one of the share that should fail. */
  apply(keyType: KeyType, limit: RateLimit): void;
};

/**
 * Without `random`, failures are spread evenly and deterministically: with share 0.5 every second
 * request fails, with 0.25 every fourth. Pass `Math.random` for independent coin flips instead.
 */
export function createFailureSwitch(initial: FailureRate | null, random?: () => number): FailureSwitch {
  let rate: FailureRate | null = null;
  let requests = 0;
  const shouldFail = (share: number) => {
    if (random) return random() < share;
    const before = Math.floor(requests * share + 1e-9);
    requests += 1;
    return Math.floor(requests * share + 1e-9) > before;
  };
  const failureSwitch: FailureSwitch = {
    set(next) {
      if (next && !(next.share >= 0 && next.share <= 1)) throw new RangeError("failure share must be between 0 and 1");
      rate = next;
      requests = 0;
    },
    apply(keyType, limit) {
      if (!rate || !shouldFail(rate.share)) return;
      throw rate.status === 429 ? rateLimitError(keyType, limit.requests, limit.perSeconds) : internalServerError();
    },
  };
  failureSwitch.set(initial);
  return failureSwitch;
}
