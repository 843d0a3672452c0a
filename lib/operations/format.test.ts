import { describe, expect, it } from "vitest";
import { lastDays } from "./days";
import { windowStart } from "./delivery-counts";
import { formatAge, formatDay, formatRate } from "./format";

describe("the dashboard's words and days", () => {
  it.each([
    [0, "0 seconds"],
    [1, "1 second"],
    [59, "59 seconds"],
    [60, "1 minute"],
    [7_199, "1 hour"],
    [7_200, "2 hours"],
    [172_800, "2 days"],
  ])("formatAge(%i) is %s", (seconds, words) => expect(formatAge(seconds)).toBe(words));

  it("gives rates to one decimal place, and says when nothing has finished", () => {
    expect(formatRate(4 / 6)).toBe("66.7%");
    expect(formatRate(null)).toBe("none finished");
  });

  it("counts days in London time, across the change of the clocks", () => {
    // 00:30 on 1 July in London is 23:30 on 30 June in UTC.
    expect(lastDays(new Date("2026-06-30T23:30:00Z"), 2)).toEqual(["2026-06-30", "2026-07-01"]);
    expect(windowStart(new Date("2026-06-30T23:30:00Z"), 1).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(windowStart(new Date("2026-12-02T10:00:00Z"), 14).toISOString()).toBe("2026-11-19T00:00:00.000Z");
    // The window reaching back over the end of summer time (25 October 2026).
    expect(windowStart(new Date("2026-10-26T10:00:00Z"), 3).toISOString()).toBe("2026-10-23T23:00:00.000Z");
    expect(formatDay("2026-12-02")).toBe("Wed 2 Dec");
  });
});
