import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import { apiClients, notificationEvents, notificationReceipts, notifications } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { listMissedEvents, type StreamEvent } from "./events";
import { getNotificationHub } from "./hub";
import { purgeOldNotificationEvents } from "./purge-events";
import { recordNotificationEvent, recordNotificationEvents } from "./record-event";

const database = setUpTestDatabase();
let demo: DemoCallers;
let clientId: string;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  const [client] = await database.handle.db.select().from(apiClients).where(eq(apiClients.name, "demo-service"));
  clientId = client!.id;
});

/** A notification held by these people, created by the demo service; no event recorded. */
async function insertNotification(tx: Database, holders: string[]): Promise<string> {
  const [row] = await tx
    .insert(notifications)
    .values({ notificationType: "Screen", message: "Hub test", createdByClientId: clientId })
    .returning({ id: notifications.id, createdAt: notifications.createdAt });
  if (holders.length > 0) {
    await tx.insert(notificationReceipts).values(
      holders.map((userId) => ({
        notificationId: row!.id,
        userId,
        createdAt: row!.createdAt,
        actionRequired: false,
      })),
    );
  }
  return row!.id;
}

/** A staff caller for this person, as listMissedEvents takes it. */
function personCaller(person: DemoCallers["people"][string] & {}) {
  return {
    kind: "person" as const,
    id: person.id,
    name: person.name,
    email: person.email!,
    roles: person.roles,
    teams: [],
    personId: null,
    tenureIds: [],
    scopes: [],
  };
}

async function listen(key: string) {
  const hub = await getNotificationHub(database.handle);
  const received: StreamEvent[] = [];
  const { unsubscribe } = hub.subscribe(key, (event) => received.push(event));
  return { received, unsubscribe };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
const waitForLength = (list: unknown[], length: number) =>
  vi.waitFor(() => expect(list).toHaveLength(length), { timeout: 2_000, interval: 5 });

describe("recordNotificationEvent and the hub", () => {
  it("announces a change to the people holding it once its transaction commits, and never if it rolls back", async () => {
    const { db } = database.handle;
    const fiona = await listen(`person:${demo.people.fiona!.id}`);
    const farid = await listen(`person:${demo.people.farid!.id}`);

    const rolledBack = db.transaction(async (tx) => {
      const id = await insertNotification(tx, [demo.people.fiona!.id]);
      await recordNotificationEvent(tx, { type: "notification.created", notificationId: id });
      throw new Error("rolled back on purpose");
    });
    await expect(rolledBack).rejects.toThrow("rolled back on purpose");

    let committedId = "";
    await db.transaction(async (tx) => {
      committedId = await insertNotification(tx, [demo.people.fiona!.id, demo.people.farid!.id]);
      await recordNotificationEvent(tx, { type: "notification.created", notificationId: committedId });
    });
    await waitForLength(fiona.received, 1);
    await waitForLength(farid.received, 1);
    expect(fiona.received[0]).toEqual({
      id: expect.any(Number),
      type: "notification.created",
      notificationId: committedId,
    });
    await settle();
    expect(fiona.received).toHaveLength(1);
    fiona.unsubscribe();
    farid.unsubscribe();
  });

  it("sends a one-person change to that person only, and every change to the client service that created it", async () => {
    const { db } = database.handle;
    const fiona = await listen(`person:${demo.people.fiona!.id}`);
    const farid = await listen(`person:${demo.people.farid!.id}`);
    const service = await listen(`client:${clientId}`);
    const id = await db.transaction((tx) => insertNotification(tx, [demo.people.fiona!.id, demo.people.farid!.id]));

    await db.transaction((tx) =>
      recordNotificationEvent(tx, { type: "notification.updated", notificationId: id, userId: demo.people.farid!.id }),
    );
    await waitForLength(farid.received, 1);
    await waitForLength(service.received, 1);
    await settle();
    expect(fiona.received).toEqual([]);
    for (const subscription of [fiona, farid, service]) subscription.unsubscribe();
  });

  it("delivers a burst of changes from one transaction complete and in order", async () => {
    const { db } = database.handle;
    const grace = await listen(`person:${demo.people.grace!.id}`);
    const ids = await db.transaction(async (tx) => {
      const created: string[] = [];
      for (let index = 0; index < 40; index++) {
        const id = await insertNotification(tx, [demo.people.grace!.id]);
        await recordNotificationEvent(tx, { type: "notification.created", notificationId: id });
        created.push(id);
      }
      return created;
    });
    await waitForLength(grace.received, 40);
    expect(grace.received.map((event) => event.notificationId)).toEqual(ids);
    const eventIds = grace.received.map((event) => event.id);
    expect(eventIds).toEqual([...eventIds].sort((a, b) => a - b));
    grace.unsubscribe();
  });

  it("records many changes in one statement, each announced once, in order, to whom it concerns", async () => {
    const { db } = database.handle;
    const grace = await listen(`person:${demo.people.grace!.id}`);
    const farid = await listen(`person:${demo.people.farid!.id}`);
    const ids = await db.transaction(async (tx) => {
      const created: string[] = [];
      for (let index = 0; index < 3; index++) created.push(await insertNotification(tx, [demo.people.grace!.id]));
      const shared = await insertNotification(tx, [demo.people.grace!.id, demo.people.farid!.id]);
      await recordNotificationEvents(tx, [
        ...created.map((notificationId) => ({ type: "notification.created" as const, notificationId })),
        { type: "notification.updated", notificationId: shared, userId: demo.people.farid!.id },
      ]);
      return [...created, shared];
    });
    await waitForLength(grace.received, 3);
    await waitForLength(farid.received, 1);
    await settle();
    expect(grace.received.map((event) => [event.type, event.notificationId])).toEqual(
      ids.slice(0, 3).map((id) => ["notification.created", id]),
    );
    expect(farid.received).toEqual([{ id: expect.any(Number), type: "notification.updated", notificationId: ids[3] }]);
    await db.transaction((tx) => recordNotificationEvents(tx, []));
    grace.unsubscribe();
    farid.unsubscribe();
  });

  it.runIf(process.env.TEST_DATABASE_DRIVER === "postgres")(
    "listens again after its connection to PostgreSQL drops, losing nothing",
    async () => {
      const { db } = database.handle;
      const hana = await listen(`person:${demo.people.hana!.id}`);
      const createForHana = () =>
        db.transaction(async (tx) => {
          const created = await insertNotification(tx, [demo.people.hana!.id]);
          await recordNotificationEvent(tx, { type: "notification.created", notificationId: created });
          return created;
        });
      const listeners = () =>
        db.execute(
          sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`,
        );
      const [before] = rowsOf<{ pid: number }>(await listeners());
      expect(before).toBeDefined();
      await db.execute(sql`select pg_terminate_backend(${before!.pid})`);
      // Committed while no one is listening: its NOTIFY is lost, and the hub must catch up from the table.
      const duringTheGap = await createForHana();
      await vi.waitFor(
        async () => {
          const now = rowsOf<{ pid: number }>(await listeners());
          expect(now.map((row) => row.pid).filter((pid) => pid !== before!.pid)).toHaveLength(1);
        },
        { timeout: 5_000, interval: 50 },
      );
      const afterReconnecting = await createForHana();
      await waitForLength(hana.received, 2);
      expect(hana.received.map((event) => event.notificationId)).toEqual([duringTheGap, afterReconnecting]);
      hana.unsubscribe();
    },
  );
});

describe("event positions", () => {
  const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";

  /** The id and position of the one event recorded for a notification. */
  async function eventOf(db: Database, notificationId: string) {
    const [row] = await db
      .select({ id: notificationEvents.id, position: notificationEvents.position })
      .from(notificationEvents)
      .where(eq(notificationEvents.notificationId, notificationId));
    return row!;
  }

  it.runIf(onPostgres)(
    "follow commit order, so a stream resumed after a later commit still gets an earlier insert that committed after it",
    async () => {
      const { db } = database.handle;
      const hana = demo.people.hana!;
      const hanaStream = await listen(`person:${hana.id}`);
      const createForHana = (tx: Database) =>
        insertNotification(tx, [hana.id]).then(async (id) => {
          await recordNotificationEvent(tx, { type: "notification.created", notificationId: id });
          return id;
        });
      let insertedFirst!: () => void;
      const firstHasInserted = new Promise<void>((resolve) => (insertedFirst = resolve));
      let letFirstCommit!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => (letFirstCommit = resolve));
      const first = db.transaction(async (tx) => {
        const id = await createForHana(tx);
        insertedFirst();
        await firstMayCommit;
        return id;
      });
      await firstHasInserted;
      // Inserted second, committed first: the browser sees it and drops right after.
      const second = await db.transaction((tx) => createForHana(tx));
      await waitForLength(hanaStream.received, 1);
      const lastEventId = hanaStream.received[0]!.id;
      letFirstCommit();
      const firstId = await first;

      const [earlier, later] = [await eventOf(db, firstId), await eventOf(db, second)];
      expect(earlier.id).toBeLessThan(later.id);
      expect(earlier.position).toBeGreaterThan(later.position!);
      expect(lastEventId).toBe(later.position);
      const caller = personCaller(hana);
      expect((await listMissedEvents(db, caller, lastEventId, 10)).map((event) => event.notificationId)).toEqual([
        firstId,
      ]);
      await waitForLength(hanaStream.received, 2);
      expect(hanaStream.received.map((event) => event.notificationId)).toEqual([second, firstId]);
      hanaStream.unsubscribe();
    },
  );

  it("are given at commit, in the order the transaction recorded its events, and never to a rolled-back one", async () => {
    const { db } = database.handle;
    const ids = await db.transaction(async (tx) => {
      const created = [await insertNotification(tx, []), await insertNotification(tx, [])];
      await recordNotificationEvents(
        tx,
        created.map((notificationId) => ({ type: "notification.created" as const, notificationId })),
      );
      const [unpositioned] = rowsOf<{ count: number }>(
        await tx.execute(sql`select count(*)::int as count from notification_events where position is null`),
      );
      expect(unpositioned!.count).toBe(2);
      return created;
    });
    const [first, second] = [await eventOf(db, ids[0]!), await eventOf(db, ids[1]!)];
    expect(first.position).not.toBeNull();
    expect(second.position).toBe(first.position! + 1);
    const [left] = rowsOf<{ count: number }>(
      await db.execute(sql`select count(*)::int as count from notification_events where position is null`),
    );
    expect(left!.count).toBe(0);
  });
});

describe("listMissedEvents", () => {
  it("keeps the newest events when more were missed than the limit, oldest first", async () => {
    const { db } = database.handle;
    const rob = demo.people.rob!;
    const [{ last }] = rowsOf<{ last: number }>(
      await db.execute(sql`select coalesce(max(position), 0)::int as last from notification_events`),
    ) as [{ last: number }];
    const ids = await db.transaction(async (tx) => {
      const created: string[] = [];
      for (let index = 0; index < 5; index++) {
        const id = await insertNotification(tx, [rob.id]);
        await recordNotificationEvent(tx, { type: "notification.created", notificationId: id });
        created.push(id);
      }
      return created;
    });
    const robCaller = personCaller(rob);
    expect((await listMissedEvents(db, robCaller, last, 3)).map((event) => event.notificationId)).toEqual(ids.slice(2));
    expect((await listMissedEvents(db, robCaller, last, 10)).map((event) => event.notificationId)).toEqual(ids);
  });
});

describe("purgeOldNotificationEvents", () => {
  it("deletes events older than a day and keeps the rest", async () => {
    const { db } = database.handle;
    const id = await db.transaction((tx) => insertNotification(tx, []));
    const now = new Date();
    await db.insert(notificationEvents).values([
      { type: "notification.created", notificationId: id, createdAt: new Date(now.getTime() - 25 * 3_600_000) },
      { type: "notification.updated", notificationId: id, createdAt: new Date(now.getTime() - 23 * 3_600_000) },
    ]);
    await purgeOldNotificationEvents(db, now);
    const left = await db.select().from(notificationEvents).where(eq(notificationEvents.notificationId, id));
    expect(left.map((event) => event.type)).toEqual(["notification.updated"]);
  });
});
