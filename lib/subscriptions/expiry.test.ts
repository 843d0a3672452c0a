import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { expiresAt, latestExpiresOn, resolveExpiresOn } from "./expiry";

const now = new Date("2026-12-01T12:00:00Z");

describe("resolveExpiresOn", () => {
  it.each([
    ["absent", undefined, "2027-12-01"],
    ["a date within the year", "2027-03-31", "2027-03-31"],
    ["today", "2026-12-01", "2026-12-01"],
    ["exactly one year ahead", "2027-12-01", "2027-12-01"],
    ["a day past one year", "2027-12-02", "2027-12-01"],
    ["years ahead", "2099-01-01", "2027-12-01"],
    ["a time in UTC that is already the next day in London (summer)", "2027-06-30T23:30:00Z", "2027-07-01"],
    ["a time in UTC that is the same day in London (winter)", "2027-01-31T23:30:00Z", "2027-01-31"],
    ["a time with an offset", "2027-02-01T00:30:00+01:00", "2027-01-31"],
  ])("%s → %s", (_, requested, expected) => {
    expect(resolveExpiresOn(requested, now)).toBe(expected);
  });

  it("refuses a day already past as a 400 at expiresOn", () => {
    const error = (() => {
      try {
        return resolveExpiresOn("2026-11-30", now);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, errors: [{ path: "expiresOn" }] });
  });

  it("counts today in London, not UTC: 00:30 on 1 July in London is still 30 June in UTC", () => {
    expect(latestExpiresOn(new Date("2027-06-30T23:30:00Z"))).toBe("2028-07-01");
  });

  it("turns 29 February into 28 February next year", () => {
    expect(latestExpiresOn(new Date("2028-02-29T12:00:00Z"))).toBe("2029-02-28");
  });
});

describe("expiresAt", () => {
  it.each([
    ["2027-01-31", "2027-02-01T00:00:00.000Z"],
    ["2027-07-01", "2027-07-01T23:00:00.000Z"],
  ])("%s ends at midnight London time, %s", (expiresOn, instant) => {
    expect(expiresAt(expiresOn).toISOString()).toBe(instant);
  });
});
