import { describe, expect, it } from "vitest";
import { adjustCount, countLimit, describeCount, formatCount } from "./count-limit";

describe("showing capped counts", () => {
  it.each([
    [0, "0", "0 unread notifications"],
    [1, "1", "1 unread notification"],
    [99, "99", "99 unread notifications"],
    [countLimit, "99+", "more than 99 unread notifications"],
  ])("%i reads %s, and to a screen reader %s", (count, shown, heard) => {
    expect(formatCount(count)).toBe(shown);
    expect(describeCount(count, "unread notification", "unread notifications")).toBe(heard);
  });

  it("keeps a capped count capped when an item leaves, as the server knows only that it was 100 or more", () => {
    expect(adjustCount(countLimit, -1)).toBe(countLimit);
    expect(adjustCount(99, 1)).toBe(countLimit);
    expect(adjustCount(99, -1)).toBe(98);
    expect(adjustCount(0, -1)).toBe(0);
  });
});
