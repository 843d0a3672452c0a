import { describe, expect, it } from "vitest";
import { durationSchema, parseDuration } from "./duration";

describe("durationSchema", () => {
  it.each(["PT1M", "PT60S", "PT30M", "PT4H", "P2D", "P1DT12H", "P2W", "P1M", "P12M", "P52W", "P365D", "P1Y"])(
    "accepts %s",
    (text) => expect(durationSchema.safeParse(text).success).toBe(true),
  );

  it.each([
    ["PT59S", "Must be at least 1 minute (PT1M)"],
    ["PT0M", "Must be at least 1 minute (PT1M)"],
    ["P366D", "Must be at most 1 year (P1Y)"],
    ["P1Y1D", "Must be at most 1 year (P1Y)"],
    ["P13M", "Must be at most 1 year (P1Y)"],
    ["P", "is not an ISO 8601 duration"],
    ["PT", "is not an ISO 8601 duration"],
    ["P1DT", "is not an ISO 8601 duration"],
    ["P0.5D", "is not an ISO 8601 duration"],
    ["1 day", "is not an ISO 8601 duration"],
    ["-P1D", "is not an ISO 8601 duration"],
    ["p1d", "is not an ISO 8601 duration"],
  ])("refuses %s: %s", (text, message) => {
    const result = durationSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it("refuses what is not a string", () => {
    expect(durationSchema.safeParse(60).success).toBe(false);
  });
});

describe("parseDuration", () => {
  it("reads every part", () => {
    expect(parseDuration("P1Y2M3W4DT5H6M7S")).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
  });
});
