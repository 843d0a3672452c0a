import { describe, expect, it } from "vitest";
import { scopes } from "@/db/schema";
import { scopeDescriptions } from "@/lib/auth/permissions";
import { getOpenApiDocument } from "./document";

// What the document tells a client service about keys and scopes.

const document = getOpenApiDocument();

describe("the OpenAPI document's security", () => {
  it("describes every scope an API key can hold", () => {
    const description = (document.components?.securitySchemes?.apiKey as { description: string }).description;
    for (const scope of scopes) expect(description).toContain(`\`${scope}\`: ${scopeDescriptions[scope]}`);
  });

  // No person's role grants these scopes (lib/auth/permissions.ts), so a session cannot call them; and
  // subscriptions belong to API clients, so an admin's session is refused them too.
  it.each([
    ["post", "/api/v1/notifications", "notifications:write"],
    ["post", "/api/v1/notifications/batch", "notifications:write"],
    ["post", "/api/v1/sms", "notifications:write"],
    ["post", "/api/v1/activityHistory", "activity:write"],
    ["post", "/api/v1/events", "activity:write"],
    ["get", "/api/v1/activityHistory/export", "activity:export"],
    ["get", "/api/v1/subscriptions", "subscriptions:manage"],
    ["post", "/api/v1/subscriptions", "subscriptions:manage"],
    ["post", "/api/v1/subscriptions/{id}/secret", "subscriptions:manage"],
  ] as const)("documents %s %s for API keys with %s only", (method, path, scope) => {
    expect(document.paths?.[path]?.[method]?.security).toEqual([{ apiKey: [scope] }]);
  });
});
