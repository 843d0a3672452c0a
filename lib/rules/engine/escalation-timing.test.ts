import { describe, expect, it } from "vitest";
import { addDuration } from "@/lib/rules/time/working-time";
import { dueCutoff } from "./due-cutoff";
import { describeDuration } from "./escalation-timing";

describe("dueCutoff", () => {
  it.each([
    // now, duration, mode, latest creation time that is due
    ["2026-03-09T14:00:00Z", "P1D", "working", "2026-03-06T14:00:00Z"],
    ["2026-03-10T14:00:00Z", "P2D", "working", "2026-03-06T14:00:00Z"],
    ["2026-04-07T13:00:00Z", "P1D", "working", "2026-04-02T13:00:00Z"],
    ["2026-03-09T14:00:00Z", "P1D", "calendar", "2026-03-08T14:00:00Z"],
    ["2026-03-09T14:00:00Z", "PT30M", "calendar", "2026-03-09T13:30:00Z"],
  ] as const)("at %s, %s %s is due for items created up to %s", (now, duration, mode, expected) => {
    const cutoff = dueCutoff(new Date(now), duration, mode);
    expect(cutoff.toISOString()).toBe(new Date(expected).toISOString());
    expect(addDuration(cutoff, duration, mode).getTime()).toBeLessThanOrEqual(Date.parse(now));
    expect(addDuration(new Date(cutoff.getTime() + 1), duration, mode).getTime()).toBeGreaterThan(Date.parse(now));
  });

  it("counts a weekend start from Monday's opening, so every weekend creation time is due together", () => {
    // Items made on Saturday count from Monday 09:00: one working day later is Monday 17:00.
    expect(addDuration(new Date("2026-03-07T12:00:00Z"), "P1D", "working").toISOString()).toBe(
      "2026-03-09T17:00:00.000Z",
    );
    const cutoff = dueCutoff(new Date("2026-03-09T17:00:00Z"), "P1D", "working");
    expect(cutoff.toISOString()).toBe("2026-03-09T09:00:00.000Z");
    expect(dueCutoff(new Date("2026-03-09T16:59:59Z"), "P1D", "working").getTime()).toBeLessThan(
      Date.parse("2026-03-06T17:00:00Z"),
    );
  });
});

describe("describeDuration", () => {
  it.each([
    ["P2D", "working", "2 working days"],
    ["P1D", "working", "1 working day"],
    ["PT4H", "working", "4 working hours"],
    ["P1DT4H", "calendar", "1 day and 4 hours"],
    ["P1W2DT3H", "working", "1 working week, 2 days and 3 hours"],
  ] as const)("%s in %s time reads %s", (duration, mode, words) => {
    expect(describeDuration(duration, mode)).toBe(words);
  });
});
