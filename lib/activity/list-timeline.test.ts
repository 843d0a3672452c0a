import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import { findPersonCaller } from "@/lib/auth/people";
import type { PersonCaller } from "@/lib/auth/caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { setUpDemoCallers } from "@/lib/testing/demo-callers";
import { recordActivities } from "./record-activity";
import { listTimeline, type TimelineQuery } from "./list-timeline";

const database = setUpTestDatabase();
const targetId = randomUUID();
let viewer: PersonCaller;
/** The entries' ids, newest first: a change, two notifications about the record, a change, and one about another record. */
const expected: string[] = [];

beforeAll(async () => {
  const { db } = database.handle;
  const demo = await setUpDemoCallers(db);
  viewer = (await findPersonCaller(db, demo.people.hana!.id))!;
  const change = async (createdAt: Date) => {
    const id = randomUUID();
    await recordActivities(db, viewer, [{ id, type: "update", targetType: "person", targetId, createdAt }]);
    return id;
  };
  const notify = async (aboutTarget: boolean) => {
    const body = createNotificationBodySchema.parse({
      notificationType: "Screen",
      message: "About the record",
      recipient: { userId: viewer.id },
      ...(aboutTarget ? { targetType: "person", targetId } : {}),
    });
    return (await db.transaction((tx) => createNotification(tx, viewer, body))).notification.id;
  };
  const older = await change(new Date(Date.now() - 60_000));
  const elsewhere = await notify(false);
  const first = await notify(true);
  const second = await notify(true);
  const newer = await change(new Date(Date.now() + 60_000));
  expected.push(newer, second, first, older);
  expected.push(elsewhere);
});

async function walk(query: Omit<TimelineQuery, "targetIds" | "pageSize" | "paginationToken">) {
  const pages: string[][] = [];
  let paginationToken: string | undefined;
  do {
    const page = await listTimeline(database.handle.db, viewer, {
      ...query,
      targetIds: [targetId],
      pageSize: 2,
      paginationToken,
    });
    pages.push(page.entries.map((entry) => entry.id));
    paginationToken = page.nextToken ?? undefined;
  } while (paginationToken);
  return pages;
}

describe("listTimeline", () => {
  it("pages the record's changes and notifications together, newest first, none skipped or repeated", async () => {
    const [newer, second, first, older] = expected;
    expect(await walk({ notifications: "aboutTargets", show: "all" })).toEqual([
      [newer, second],
      [first, older],
    ]);
  });

  it("shows only changes or only notifications when asked", async () => {
    const [newer, second, first, older, elsewhere] = expected;
    expect(await walk({ notifications: "aboutTargets", show: "changes" })).toEqual([[newer, older]]);
    expect((await walk({ notifications: "allOfViewers", show: "notifications" })).flat().slice(0, 3)).toEqual([
      second,
      first,
      elsewhere,
    ]);
  });

  it("refuses a token it did not issue with 400", async () => {
    const query: TimelineQuery = {
      targetIds: [targetId],
      notifications: "aboutTargets",
      show: "all",
      pageSize: 2,
      paginationToken: "garbage",
    };
    await expect(listTimeline(database.handle.db, viewer, query)).rejects.toThrow(ApiError);
  });
});
