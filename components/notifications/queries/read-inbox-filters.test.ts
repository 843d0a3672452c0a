import { describe, expect, it } from "vitest";
import { listNotificationsQuerySchema } from "@/lib/notifications/contract/list-notifications-query";
import { readInboxFilters } from "./read-inbox-filters";

const fromQuery = (query: string) => {
  const params = new URLSearchParams(query);
  return readInboxFilters((name) => params.get(name));
};

describe("readInboxFilters", () => {
  it("reads every filter the inbox offers, and defaults the tab to all", () => {
    expect(fromQuery("")).toEqual({ status: "all" });
    expect(
      fromQuery("status=unread&category=estimateApproval&targetType=tenure&from=2026-11-01&to=2026-11-30&q=boiler"),
    ).toEqual({
      status: "unread",
      category: "estimateApproval",
      targetType: "tenure",
      from: "2026-11-01",
      to: "2026-11-30",
      q: "boiler",
    });
  });

  it.each([
    ["an unknown tab", "status=maybe", { status: "all" }],
    ["the API's read status, which has no tab", "status=read", { status: "all" }],
    ["an unknown category", "category=birthday", { status: "all" }],
    ["a date that is not a day", "from=yesterday&to=2026-02-30", { status: "all" }],
    ["a year Postgres has not got", "from=0000-01-01", { status: "all" }],
    ["a search over 200 characters", `q=${"x".repeat(201)}`, { status: "all" }],
    ["a record type over 50 characters", `targetType=${"t".repeat(51)}`, { status: "all" }],
    ["blank fields", "q=%20%20&targetType=&category=", { status: "all" }],
  ])("drops %s rather than failing the page", (_case, query, expected) => {
    expect(fromQuery(query)).toEqual(expected);
  });

  it("trims what it keeps", () => {
    expect(fromQuery("q=%20boiler%20&targetType=%20tenure")).toEqual({
      status: "all",
      q: "boiler",
      targetType: "tenure",
    });
  });

  it("gives filters the list API accepts as they are, so server and browser share one cache key", () => {
    const filters = fromQuery("status=archived&category=estimateApproval&from=2026-11-01&q=rent");
    expect(listNotificationsQuerySchema.parse(filters)).toEqual({ ...filters, pageSize: 10 });
  });
});
