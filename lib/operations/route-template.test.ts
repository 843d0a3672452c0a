import { describe, expect, it } from "vitest";
import { routeTemplateOf } from "./route-template";

describe("routeTemplateOf", () => {
  it.each([
    ["/api/v1/notifications", {}, "/api/v1/notifications"],
    [
      "/api/v1/notifications/9b1c0a52-1111-4222-8333-444455556666",
      { id: "9b1c0a52-1111-4222-8333-444455556666" },
      "/api/v1/notifications/[id]",
    ],
    [
      "/api/v1/message-status/housing/abc",
      { serviceKey: "housing", notifyId: "abc" },
      "/api/v1/message-status/[serviceKey]/[notifyId]",
    ],
    ["/api/v1/activityHistory", {}, "/api/v1/activityhistory"],
    ["/api/v1/ACTIVITYHISTORY", {}, "/api/v1/activityhistory"],
    ["/api/v1/documents/a%20b", { uid: "a b" }, "/api/v1/documents/[uid]"],
    ["/api/auth/callback/google", { nextauth: ["callback", "google"] }, "/api/auth/[...nextauth]"],
  ])("%s → its template", (path, params, template) => {
    expect(routeTemplateOf(path, params)).toBe(template);
  });
});
