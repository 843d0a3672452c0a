import { describe, expect, it } from "vitest";
import { deliveryJobId, nextRetryDelayMs, parseRetryAfter, svixRetryDelaysMs } from "./retry-schedule";

const minute = 60_000;
const hour = 60 * minute;
const exact = { delaysMs: svixRetryDelaysMs, random: () => 0.5 };

describe("nextRetryDelayMs", () => {
  it("follows Svix's schedule: +5 s, +5 min, +30 min, +2 h, +5 h, +10 h, +10 h, then gives up after the 8th", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => nextRetryDelayMs(attempt, null, exact));
    expect(waits).toEqual([5000, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour, null]);
  });

  it.each([
    [0, 0.8 * 5 * minute],
    [0.999999, 1.2 * 5 * minute],
  ])("jitters by at most 20%% (random %s)", (random, expected) => {
    expect(nextRetryDelayMs(2, null, { delaysMs: svixRetryDelaysMs, random: () => random })).toBeCloseTo(expected, -1);
  });

  it.each([
    ["shorter than the schedule: the schedule's wait", 10_000, 5 * minute],
    ["within [1x, 2x]: as asked", 8 * minute, 8 * minute],
    ["longer than twice the schedule: twice", 3 * hour, 10 * minute],
  ])("honours Retry-After %s", (_, retryAfter, expected) => {
    expect(nextRetryDelayMs(2, retryAfter, exact)).toBe(expected);
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it.each([
    ["120", 120_000],
    ["Tue, 01 Dec 2026 12:03:00 GMT", 180_000],
    ["soon", null],
    [undefined, null],
  ])("reads %s", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe("deliveryJobId", () => {
  it("is the same for the same try and differs for another attempt or due time", () => {
    const at = new Date("2026-12-01T12:00:00Z");
    const id = deliveryJobId("0d9c5c3e-8f4e-4b0a-9a57-0c8d7f1e2a3b", 2, at);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(deliveryJobId("0d9c5c3e-8f4e-4b0a-9a57-0c8d7f1e2a3b", 2, new Date(at))).toBe(id);
    expect(deliveryJobId("0d9c5c3e-8f4e-4b0a-9a57-0c8d7f1e2a3b", 3, at)).not.toBe(id);
    expect(deliveryJobId("0d9c5c3e-8f4e-4b0a-9a57-0c8d7f1e2a3b", 2, new Date(at.getTime() + 1))).not.toBe(id);
  });
});
