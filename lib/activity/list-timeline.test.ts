import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import { findPersonCaller } from "@/lib/auth/people";
import type { ClientCaller, PersonCaller } from "@/lib/auth/caller";
import { resolveCaller } from "@/lib/auth/resolve-caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { recordActivities } from "./record-activity";
import { listTimeline, type TimelineQuery } from "./list-timeline";

const database = setUpTestDatabase();
const targetId = randomUUID();
let viewer: PersonCaller;
let demo: DemoCallers;
let service: ClientCaller;
/** The entries' ids, newest first: a change, two notifications about the record, a change, and one about another record. */
const expected: string[] = [];

beforeAll(async () => {
  const { db } = database.handle;
  demo = await setUpDemoCallers(db);
  viewer = (await findPersonCaller(db, demo.people.hana!.id))!;
  service = (await resolveCaller(db, new Headers(demo.serviceHeaders))) as ClientCaller;
  const change = async (createdAt: Date) => {
    const id = randomUUID();
    await recordActivities(db, viewer, [{ id, type: "update", targetType: "person", targetId, createdAt }]);
    return id;
  };
  const notify = async (aboutTarget: boolean) => notifyAbout(aboutTarget ? targetId : null, { userId: viewer.id });
  const older = await change(new Date(Date.now() - 60_000));
  const elsewhere = await notify(false);
  const first = await notify(true);
  const second = await notify(true);
  const newer = await change(new Date(Date.now() + 60_000));
  expected.push(newer, second, first, older);
  expected.push(elsewhere);
});

/** A notification created as a client service would (people do not create them), optionally about a record. */
async function notifyAbout(recordId: string | null, recipient: Record<string, string>) {
  const body = createNotificationBodySchema.parse({
    notificationType: "Screen",
    message: "About the record",
    recipient,
    ...(recordId ? { targetType: "person", targetId: recordId } : {}),
  });
  const { db } = database.handle;
  return (await db.transaction((tx) => createNotification(tx, service, body))).notification.id;
}

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

describe("listTimeline, for what the viewer may read", () => {
  const entriesFor = async (name: string, recordId: string) => {
    const person = (await findPersonCaller(database.handle.db, demo.people[name]!.id))!;
    const page = await listTimeline(database.handle.db, person, {
      targetIds: [recordId],
      notifications: "aboutTargets",
      show: "all",
      pageSize: 50,
    });
    return page.entries.map((entry) =>
      entry.kind === "activity" ? `${entry.activity.targetType} change` : `notification ${entry.id}`,
    );
  };

  it("shows only the changes of record types the viewer's work covers", async () => {
    const recordId = randomUUID();
    await recordActivities(database.handle.db, service, [
      { type: "update", targetType: "tenure", targetId: recordId },
      { type: "update", targetType: "workOrder", targetId: recordId },
    ]);
    expect((await entriesFor("carl", recordId)).sort()).toEqual(["workOrder change"]);
    expect((await entriesFor("fiona", recordId)).sort()).toEqual(["tenure change"]);
    expect((await entriesFor("alex", recordId)).sort()).toEqual(["tenure change", "workOrder change"]);
  });

  it("folds in only the notifications about the record that the viewer may read", async () => {
    const recordId = randomUUID();
    const toFiona = await notifyAbout(recordId, { userId: demo.people.fiona!.id });
    const toFinance = await notifyAbout(recordId, { team: "finance" });
    expect((await entriesFor("fiona", recordId)).sort()).toEqual(
      [`notification ${toFiona}`, `notification ${toFinance}`].sort(),
    );
    expect(await entriesFor("farid", recordId)).toEqual([`notification ${toFinance}`]);
    expect(await entriesFor("hana", recordId)).toEqual([]);
    expect(await entriesFor("alex", recordId)).toEqual([]);
  });
});
