import { describe, expect, it } from "vitest";
import { londonDay } from "./digest-email";

describe("londonDay", () => {
  it.each([
    ["2026-06-30T23:30:00Z", "2026-07-01", "summer time: 00:30 in London is already the next day"],
    ["2026-12-31T23:30:00Z", "2026-12-31", "winter: London is on UTC"],
    ["2026-03-29T00:30:00Z", "2026-03-29", "the night the clocks go forward"],
  ])("%s is %s in London (%s)", (instant, day) => {
    expect(londonDay(new Date(instant))).toBe(day);
  });
});
