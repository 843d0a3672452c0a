import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import * as history from "@/app/api/v1/activityHistory/route";
import { callRoute } from "./call-route";

export const activityAuthor = { fullName: "First Last", email: "first.last@council.example" };

/** POST /api/v1/activityHistory with one activity or an array of them. */
export function postActivities(headers: Record<string, string>, body: unknown) {
  return callRoute(history.POST, "POST", "/api/v1/activityHistory", { headers, body });
}

/** When seeded history starts: a day ago on the minute, inside the window a posted createdAt must keep to. */
const seededHistoryStart = Math.floor((Date.now() - 24 * 60 * 60_000) / 60_000) * 60_000;

/** The createdAt of the seeded update at `index`. */
export const seededCreatedAt = (index: number) => new Date(seededHistoryStart + index * 60_000).toISOString();

/** `count` updates to one target, one minute apart, oldest first, posted in batches of 100. */
export async function seedActivityHistory(
  headers: Record<string, string>,
  count: number,
  targetId: string = randomUUID(),
) {
  const body = Array.from({ length: count }, (_, index) => ({
    type: "update",
    targetType: "person",
    targetId,
    createdAt: seededCreatedAt(index),
    oldData: { firstName: `Name ${index}` },
    newData: { firstName: `Name ${index + 1}` },
    authorDetails: activityAuthor,
    sourceDomain: "Person",
  }));
  for (let offset = 0; offset < body.length; offset += 100) {
    const { status } = await postActivities(headers, body.slice(offset, offset + 100));
    expect(status).toBe(201);
  }
  return targetId;
}
