import { describe, expect, it } from "vitest";
import { addDuration, workingDurationBetween } from "./working-time";

const hours = (count: number) => count * 3_600_000;

// Times are written in UTC; the comment gives the London reading (GMT in winter, BST = UTC+1 in summer).
describe("addDuration in working time", () => {
  it.each([
    ["Friday 16:00 + 2 hours → Monday 10:00", "2026-01-09T16:00:00Z", "PT2H", "2026-01-12T10:00:00Z"],
    ["Friday 16:00 + 1 hour ends at Friday's close", "2026-01-09T16:00:00Z", "PT1H", "2026-01-09T17:00:00Z"],
    ["Friday 16:00 BST + 2 hours → Monday 10:00 BST", "2026-06-05T15:00:00Z", "PT2H", "2026-06-08T09:00:00Z"],
    ["Saturday counts from Monday's opening", "2026-01-10T12:00:00Z", "PT1H", "2026-01-12T10:00:00Z"],
    ["before opening counts from 09:00", "2026-01-13T07:30:00Z", "PT30M", "2026-01-13T09:30:00Z"],
    ["after closing counts from the next day", "2026-01-13T18:00:00Z", "PT1M", "2026-01-14T09:01:00Z"],
    ["a working day is 8 working hours", "2026-01-14T10:00:00Z", "P2D", "2026-01-16T10:00:00Z"],
    ["a working week is 5 working days", "2026-01-12T10:00:00Z", "P1W", "2026-01-19T10:00:00Z"],
    [
      "Friday 16:00 GMT across the spring clock change → Monday 10:00 BST",
      "2026-03-27T16:00:00Z",
      "PT2H",
      "2026-03-30T09:00:00Z",
    ],
    [
      "Friday 16:00 BST across the autumn clock change → Monday 10:00 GMT",
      "2026-10-23T15:00:00Z",
      "PT2H",
      "2026-10-26T10:00:00Z",
    ],
    [
      "Thursday before Easter 2026 → Tuesday after Easter Monday",
      "2026-04-02T15:00:00Z",
      "PT2H",
      "2026-04-07T09:00:00Z",
    ],
    [
      "Easter 2027 falls in March: Good Friday 26, Easter Monday 29",
      "2027-03-25T16:00:00Z",
      "PT2H",
      "2027-03-30T09:00:00Z",
    ],
    [
      "Christmas 2026: 25th Friday, Boxing Day substitute Monday 28th",
      "2026-12-24T16:00:00Z",
      "PT2H",
      "2026-12-29T10:00:00Z",
    ],
    [
      "Christmas 2027: both days on a weekend, substitutes 27th and 28th",
      "2027-12-24T16:00:00Z",
      "PT2H",
      "2027-12-29T10:00:00Z",
    ],
    [
      "New Year 2028 is a Saturday: substitute Monday 3 January",
      "2027-12-31T16:00:00Z",
      "PT2H",
      "2028-01-04T10:00:00Z",
    ],
    [
      "months move the calendar, then the rest is working time",
      "2026-01-09T16:00:00Z",
      "P1MT2H",
      "2026-02-10T10:00:00Z",
    ],
  ])("%s", (_case, start, duration, expected) => {
    expect(addDuration(new Date(start), duration, "working").toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("addDuration in calendar time", () => {
  it.each([
    ["P1D keeps the wall-clock time across the spring change", "2026-03-28T12:00:00Z", "P1D", "2026-03-29T11:00:00Z"],
    ["PT24H is elapsed time across the spring change", "2026-03-28T12:00:00Z", "PT24H", "2026-03-29T12:00:00Z"],
    ["P1D keeps the wall-clock time across the autumn change", "2026-10-24T11:00:00Z", "P1D", "2026-10-25T12:00:00Z"],
    ["31 January + P1M is the last day of February", "2026-01-31T10:00:00Z", "P1M", "2026-02-28T10:00:00Z"],
    ["weekends and bank holidays count", "2026-12-24T16:00:00Z", "PT2H", "2026-12-24T18:00:00Z"],
    ["P1Y", "2026-06-01T09:00:00Z", "P1Y", "2027-06-01T09:00:00Z"],
    ["P2W", "2026-01-01T00:00:00Z", "P2W", "2026-01-15T00:00:00Z"],
  ])("%s", (_case, start, duration, expected) => {
    expect(addDuration(new Date(start), duration, "calendar").toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("workingDurationBetween", () => {
  it.each([
    ["Friday 16:00 to Monday 10:00", "2026-01-09T16:00:00Z", "2026-01-12T10:00:00Z", hours(2)],
    ["across the spring clock change", "2026-03-27T16:00:00Z", "2026-03-30T09:00:00Z", hours(2)],
    ["Christmas Eve to the Tuesday after the substitute day", "2026-12-24T09:00:00Z", "2026-12-29T09:00:00Z", hours(8)],
    ["a weekend alone", "2026-01-10T00:00:00Z", "2026-01-12T00:00:00Z", 0],
    ["Easter weekend 2026, Thursday 17:00 BST to Tuesday 09:00 BST", "2026-04-02T16:00:00Z", "2026-04-07T08:00:00Z", 0],
    ["backwards is negative", "2026-01-12T10:00:00Z", "2026-01-09T16:00:00Z", -hours(2)],
  ])("%s", (_case, from, to, expected) => {
    expect(workingDurationBetween(new Date(from), new Date(to))).toBe(expected);
  });

  it.each(["2026-01-09T16:00:00Z", "2026-03-27T13:15:00Z", "2026-12-23T11:00:00Z", "2027-12-24T09:30:00Z"])(
    "measures back what addDuration added, from %s",
    (start) => {
      const end = addDuration(new Date(start), "P1DT3H", "working");
      expect(workingDurationBetween(new Date(start), end)).toBe(hours(11));
    },
  );
});
