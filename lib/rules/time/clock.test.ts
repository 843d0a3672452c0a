import { describe, expect, it } from "vitest";
import { createTestClock, systemClock } from "./clock";

describe("clocks", () => {
  it("a test clock stands still until set or advanced", () => {
    const clock = createTestClock("2026-01-09T16:00:00Z");
    expect(clock.now().toISOString()).toBe("2026-01-09T16:00:00.000Z");
    clock.advance(3 * 86_400_000);
    expect(clock.now().toISOString()).toBe("2026-01-12T16:00:00.000Z");
    clock.set("2027-03-01T00:00:00Z");
    expect(clock.now().toISOString()).toBe("2027-03-01T00:00:00.000Z");
  });

  it("the system clock reads the real time", () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
