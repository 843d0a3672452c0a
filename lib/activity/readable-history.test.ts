import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, activityTargetTypes, notifications, type Activity } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import type { Caller, ClientCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { mayReadHistory } from "@/lib/auth/policies";
import { resolveCaller } from "@/lib/auth/resolve-caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createPersonBodySchema } from "@/lib/directory/person-schema";
import { createPerson } from "@/lib/directory/save-person";
import { createTeamBodySchema } from "@/lib/directory/team-schema";
import { createTeam } from "@/lib/directory/teams";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { setUpDemoCallers } from "@/lib/testing/demo-callers";
import { findHistoryRecord, readableActivities } from "./readable-history";
import { recordActivities } from "./record-activity";

// readableActivities is mayReadHistory asked in SQL of every row at once. Over the seeded history,
// one record of every type, and notifications of every standing (addressed to a person, to a team,
// another client's, deleted), each caller must get from SQL exactly the rows the policy allows.

const database = setUpTestDatabase();
const callers = new Map<string, Caller>();
let rows: Activity[];

const clientFor = async (headers: Record<string, string>) =>
  (await resolveCaller(database.handle.db, new Headers(headers))) as ClientCaller;

beforeAll(async () => {
  const { db } = database.handle;
  const demo = await setUpDemoCallers(db);
  for (const [name, user] of Object.entries(demo.people)) callers.set(name, (await findPersonCaller(db, user.id))!);
  const service = await clientFor(demo.serviceHeaders);
  const other = await clientFor(demo.otherServiceHeaders);
  const reader = await createApiClient(db, { name: "history-reader", scopes: ["activity:read"] });
  callers.set("demo-service", service).set("other-service", other);
  callers.set("history-reader", await clientFor({ authorization: `Bearer ${reader.key}` }));
  const keeper = await createApiClient(db, { name: "directory-keeper", scopes: ["activity:read", "directory:manage"] });
  callers.set("directory-keeper", await clientFor({ authorization: `Bearer ${keeper.key}` }));

  // The directory's own history, written as the directory writes it: a colleague's contact details.
  const admin = callers.get("alex")!;
  await db.transaction(async (tx) => {
    const colleague = createPersonBodySchema.parse({
      name: "Priya Shah",
      kind: "staff",
      email: "priya.shah@council.example",
      mobileNumber: "07700900123",
      roles: ["housing-officer"],
    });
    await createPerson(tx, admin, colleague);
    await createTeam(tx, admin, createTeamBodySchema.parse({ key: "estate-services", name: "Estate services" }));
  });

  await recordActivities(
    db,
    service,
    activityTargetTypes
      .filter((targetType) => targetType !== "notification")
      .map((targetType) => ({ targetType, targetId: randomUUID(), type: "create" as const })),
  );
  const notify = async (creator: ClientCaller, recipient: Record<string, string>) => {
    const body = createNotificationBodySchema.parse({ notificationType: "Screen", message: "History", recipient });
    const { notification } = await db.transaction((tx) => createNotification(tx, creator, body));
    await recordActivities(db, creator, [{ targetType: "notification", targetId: notification.id, type: "update" }]);
    return notification.id;
  };
  await notify(service, { userId: demo.people.fiona!.id });
  await notify(service, { team: "repairs" });
  await notify(other, { userId: demo.people.rosa!.id });
  const deleted = await notify(service, { userId: demo.people.hana!.id });
  await db.update(notifications).set({ deletedAt: new Date() }).where(eq(notifications.id, deleted));
  // History that names a notification nobody created.
  await recordActivities(db, service, [{ targetType: "notification", targetId: randomUUID(), type: "update" }]);
  rows = await db.select().from(activities);
});

async function allowedByPolicy(caller: Caller): Promise<string[]> {
  const allowed: string[] = [];
  for (const row of rows) {
    const record = await findHistoryRecord(database.handle.db, caller, row);
    if (mayReadHistory(caller, record)) allowed.push(row.id);
  }
  return allowed.sort();
}

async function allowedBySql(caller: Caller): Promise<string[]> {
  const found = await database.handle.db
    .select({ id: activities.id })
    .from(activities)
    .where(readableActivities(caller));
  return found.map((row) => row.id).sort();
}

describe("readableActivities", () => {
  it("covers every target type, notifications of each standing, and callers that see different rows", async () => {
    expect(new Set(rows.map((row) => row.targetType))).toEqual(new Set(activityTargetTypes));
    const counts = new Set<number>();
    for (const caller of callers.values()) counts.add((await allowedByPolicy(caller)).length);
    expect(counts.size, "callers differ in what they may read").toBeGreaterThan(4);
  });

  it("keeps the directory's changes to admins and clients that keep the directory", async () => {
    const directoryRows = rows.filter((row) => row.sourceDomain === "Directory").map((row) => row.id);
    expect(directoryRows).toHaveLength(2);
    const readers: string[] = [];
    for (const [name, caller] of callers) {
      const readable = [...(await allowedByPolicy(caller)), ...(await allowedBySql(caller))];
      if (directoryRows.some((id) => readable.includes(id))) readers.push(name);
    }
    // demo-service is issued every scope, directory:manage among them.
    expect(readers.sort()).toEqual(["alex", "demo-service", "directory-keeper"]);
  });

  it("gives each caller exactly the rows mayReadHistory allows", async () => {
    for (const [name, caller] of callers) {
      expect(await allowedBySql(caller), name).toEqual(await allowedByPolicy(caller));
    }
  });
});
