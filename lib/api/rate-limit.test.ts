import { describe, expect, it } from "vitest";
import { FixedWindowLimiter } from "./rate-limit";

const limiterOf = (limit: number) => new FixedWindowLimiter(() => limit, 60_000);

describe("FixedWindowLimiter", () => {
  it("counts one use at a time until the window is full, then says when it resets", () => {
    const limiter = limiterOf(2);
    expect(limiter.consume("a", 0)).toEqual({ allowed: true });
    expect(limiter.consume("a", 1_000)).toEqual({ allowed: true });
    expect(limiter.consume("a", 1_000)).toEqual({ allowed: false, key: "a", retryAfterSeconds: 59 });
    expect(limiter.consume("a", 60_000)).toEqual({ allowed: true });
  });

  it("counts several keys all together or none of them", () => {
    const limiter = limiterOf(3);
    limiter.consume("full", 0);
    limiter.consume("full", 0);
    const refused = limiter.consumeAll(
      new Map([
        ["fresh", 3],
        ["full", 2],
      ]),
      0,
    );
    expect(refused).toMatchObject({ allowed: false, key: "full" });
    expect([limiter.remaining("fresh", 0), limiter.remaining("full", 0)]).toEqual([3, 1]);
  });

  it("gives released uses back", () => {
    const limiter = limiterOf(3);
    const counted = limiter.consumeAll(new Map([["a", 3]]), 0);
    expect(limiter.remaining("a", 0)).toBe(0);
    if (!counted.allowed) throw new Error("expected room for three");
    counted.release();
    expect(limiter.remaining("a", 0)).toBe(3);
  });
});
