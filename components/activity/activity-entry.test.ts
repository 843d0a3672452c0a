import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Activity } from "@/db/schema";
import { ActivityEntry } from "./activity-entry";

const client = { id: "c0ffee00-0000-4000-8000-000000000001", fullName: "housing-frontend", email: "x@y.invalid" };

function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: "a0000000-0000-4000-8000-000000000001",
    targetType: "person",
    targetId: "b0000000-0000-4000-8000-000000000001",
    type: "update",
    createdAt: new Date("2026-11-30T10:15:00Z"),
    oldData: { surname: "Smith" },
    newData: { surname: "Smyth" },
    authorDetails: client,
    onBehalfOf: null,
    sourceDomain: null,
    timetoLiveForRecord: 0,
    expiresAt: null,
    recordedAt: new Date("2026-11-30T10:15:01Z"),
    ...overrides,
  };
}

const byline = (entry: Activity) =>
  renderToStaticMarkup(createElement(ActivityEntry, { activity: entry }))
    .match(/<\/time> by (.*?)<\/p>/)?.[1]
    ?.replaceAll("<!-- -->", "");

describe("ActivityEntry", () => {
  it("names the person a client acted for, and the client it came through", () => {
    const entry = activity({ onBehalfOf: { fullName: "Jane Smith", email: "jane.smith@council.example" } });
    expect(byline(entry)).toBe("Jane Smith, via housing-frontend");
  });

  it("names the author alone when nobody else was named", () => {
    expect(byline(activity())).toBe("housing-frontend");
    const person = { id: "d0000000-0000-4000-8000-000000000001", fullName: "Hana Osei", email: "hana@council.example" };
    expect(byline(activity({ authorDetails: person }))).toBe("Hana Osei");
  });
});
