import { describe, expect, it } from "vitest";
import { createApiClient } from "@/lib/auth/api-clients";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { countLimit } from "./contract/count-limit";
import { insertInboxItems } from "./testing/insert-inbox-items";

const { database, demo } = setUpNotificationsApi();

const countsAs = async (headers: Record<string, string>) => (await notificationRoutes.counts(headers)).json;

async function newClient(name: string) {
  const { client, key } = await createApiClient(database.handle.db, {
    name,
    scopes: ["notifications:read", "notifications:write"],
  });
  return { id: client.id, headers: { authorization: `Bearer ${key}` } };
}

describe("GET /api/v1/notifications/counts stops at the badge's limit", () => {
  it("counts a person's tabs exactly below the limit and answers the limit above it", async () => {
    const client = await newClient("counts-person-source");
    const tom = demo.people.tom!;
    const headers = await demo.as("tom");
    const before = await countsAs(headers);
    expect(before).toEqual({ unread: 0, actionRequired: 0, all: 0, archived: 0 });

    // 99 items: every third read, every ninth archived, every eleventh waiting for an action.
    const shape = { readEvery: 3, archivedEvery: 9, actionEvery: 11 };
    await insertInboxItems(database.handle.db, { userId: tom.id, clientId: client.id, count: 99, ...shape });
    // Archived: 11 (9, 18 … 99); not archived: 88, of which unread 88 - 22 read (multiples of 3, not of 9) = 66
    // and waiting for an action: multiples of 11 not of 9 (11, 22 … 88, 110 is past 99, and 99 is archived) = 8.
    expect(await countsAs(headers)).toEqual({ unread: 66, actionRequired: 8, all: 88, archived: 11 });

    await insertInboxItems(database.handle.db, { userId: tom.id, clientId: client.id, count: 2_000, ...shape });
    expect(await countsAs(headers)).toEqual({
      unread: countLimit,
      actionRequired: countLimit,
      all: countLimit,
      archived: countLimit,
    });
  });

  it("counts what a client created the same way, read meaning read by anyone", async () => {
    const client = await newClient("counts-client-source");
    const hana = demo.people.hana!;
    await insertInboxItems(database.handle.db, { userId: hana.id, clientId: client.id, count: 40, readEvery: 4 });
    expect(await countsAs(client.headers)).toEqual({ unread: 30, actionRequired: 0, all: 40, archived: 0 });

    await insertInboxItems(database.handle.db, { clientId: client.id, count: 500, actionEvery: 2 });
    expect(await countsAs(client.headers)).toEqual({
      unread: countLimit,
      actionRequired: countLimit,
      all: countLimit,
      archived: 0,
    });
  });
});
