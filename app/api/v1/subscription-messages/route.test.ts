import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionAuditEntries, subscriptionMessages, subscriptions } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor } from "@/lib/delivery/test-support";
import { maxReplayLimit } from "@/lib/subscriptions/messages-contract";
import {
  createSubscriber,
  insertMessage,
  insertSubscription,
  type TestSubscriber,
} from "@/lib/subscriptions/testing/message-fixtures";
import { callRoute } from "@/lib/testing/call-route";
import * as itemReplayRoute from "./[id]/replay/route";
import * as itemRoute from "./[id]/route";
import * as replayRoute from "./replay/route";
import * as listRoute from "./route";

// The subscription-messages API (seed 002's notifications API): a client reads and replays only its
// own messages; a replay is new rows, queued on pg-boss in the same transaction; a dry run writes
// nothing but its audit entry.

const database = setUpTestDatabase();
const db = () => database.handle.db;

let a: TestSubscriber;
let b: TestSubscriber;

beforeAll(async () => {
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  await getDeliveryQueue();
  a = await createSubscriber(db(), "Fibre Ltd");
  b = await createSubscriber(db(), "Other Ltd");
});
afterAll(async () => {
  await stopDeliveryQueue({ timeoutMs: 3000 });
  await setDeliveryQueueTarget(undefined);
});

const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(listRoute.GET, "GET", "/api/v1/subscription-messages", { headers, query });
const get = (headers: Record<string, string>, id: string) =>
  callRoute(itemRoute.GET, "GET", `/api/v1/subscription-messages/${id}`, { headers, params: { id } });
const replay = (headers: Record<string, string>, body: unknown) =>
  callRoute(replayRoute.POST, "POST", "/api/v1/subscription-messages/replay", { headers, body });
const replayOne = (headers: Record<string, string>, id: string) =>
  callRoute(itemReplayRoute.POST, "POST", `/api/v1/subscription-messages/${id}/replay`, { headers, params: { id } });

const countMessages = async () => (await db().select().from(subscriptionMessages)).length;
const manualJobs = async () => {
  const result = await db().execute(
    sql`select data from pgboss.job where name = 'subscription-deliver' and data->>'trigger' = 'manual'`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    data: { messageId: string };
  }[];
  return rows.map((row) => row.data.messageId);
};

describe("GET /api/v1/subscription-messages", () => {
  it("lists only the caller's messages, by subscription and status, in pages", async () => {
    const mine = await insertSubscription(db(), a.caller.id);
    const theirs = await insertSubscription(db(), b.caller.id);
    const failed = [await insertMessage(db(), mine), await insertMessage(db(), mine)];
    const sent = await insertMessage(db(), mine, { status: "sent" });
    await insertMessage(db(), theirs);

    const first = await list(a.headers, { subscriptionId: mine, status: "fail", pageSize: "1" });
    expect(first.status).toBe(200);
    expect(first.json.results).toHaveLength(1);
    const second = await list(a.headers, {
      subscriptionId: mine,
      status: "fail",
      pageSize: "1",
      paginationToken: first.json.paginationDetails.nextToken,
    });
    expect([first.json.results[0].id, second.json.results[0].id].sort()).toEqual([...failed].sort());
    expect(second.json.paginationDetails.nextToken).toBeNull();
    expect(
      (await list(a.headers, { subscriptionId: mine, status: "sent" })).json.results.map((m: { id: string }) => m.id),
    ).toEqual([sent]);
    expect((await list(a.headers, { subscriptionId: theirs })).json.results).toEqual([]);
  });

  it.each([
    ["a status not in the list", { status: "queued" }, "status"],
    ["a subscriptionId that is not a uuid", { subscriptionId: "abc" }, "subscriptionId"],
    ["a pageSize over 100", { pageSize: "101" }, "pageSize"],
  ])("refuses %s with a 400 naming the field", async (_, query, path) => {
    const { status, json } = await list(a.headers, query);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });
});

describe("GET /api/v1/subscription-messages/{id}", () => {
  it("shows the message with its attempts; another client's is a 404", async () => {
    const id = await insertMessage(db(), await insertSubscription(db(), a.caller.id));
    const { status, json } = await get(a.headers, id);
    expect(status).toBe(200);
    expect(json).toMatchObject({ id, status: "fail", attempts: [{ statusCode: 500, trigger: "scheduled" }] });
    expect((await get(b.headers, id)).status).toBe(404);
    expect((await get(a.headers, randomUUID())).status).toBe(404);
  });
});

describe("POST /api/v1/subscription-messages/replay", () => {
  it.each([
    ["no limit", { dryRun: true }, "limit"],
    ["limit 0", { limit: 0, dryRun: true }, "limit"],
    ["limit over the maximum", { limit: maxReplayLimit + 1, dryRun: true }, "limit"],
    ["limit not whole", { limit: 1.5, dryRun: true }, "limit"],
    ["no dryRun", { limit: 10 }, "dryRun"],
    ["dryRun as text", { limit: 10, dryRun: "true" }, "dryRun"],
    ["a status that is not sent or fail", { limit: 10, dryRun: true, status: "pending" }, "status"],
    ["an id that is not a uuid", { limit: 10, dryRun: true, id: "123" }, "id"],
    ["an unknown filter", { limit: 10, dryRun: true, filters: { colour: "red" } }, "filters"],
    ["an empty filter", { limit: 10, dryRun: true, filters: { category: "" } }, "filters.category"],
  ])("refuses %s with a 400 naming the field", async (_, body, path) => {
    const before = await db().select().from(subscriptionAuditEntries);
    const { status, json, headers } = await replay(a.headers, body);
    expect(status).toBe(400);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await db().select().from(subscriptionAuditEntries)).toHaveLength(before.length);
  });

  it.each([
    ["another client's clientId", () => ({ clientId: b.caller.id })],
    ["an unknown clientId", () => ({ clientId: randomUUID() })],
    ["another organisation", () => ({ organisation: "Other Ltd" })],
  ])("answers %s with a 404", async (_, extra) => {
    const { status } = await replay(a.headers, { limit: 10, dryRun: true, ...extra() });
    expect(status).toBe(404);
  });

  it("a dry run counts and writes no message or job; a real replay creates exactly `queued` rows, queued as manual", async () => {
    const caller = await createSubscriber(db(), "Dry Ltd");
    const live = await insertSubscription(db(), caller.caller.id);
    const disabled = await insertSubscription(db(), caller.caller.id, {
      disabledAt: new Date(),
      disabledReason: "410 Gone",
    });
    const expired = await insertSubscription(db(), caller.caller.id, { expiresOn: "2020-01-01" });
    const originals = [
      await insertMessage(db(), live),
      await insertMessage(db(), live),
      await insertMessage(db(), live, { category: "repairs" }),
      await insertMessage(db(), disabled),
      await insertMessage(db(), expired),
    ];
    await insertMessage(db(), live, { status: "sent" });
    const body = { status: "fail", filters: { category: "rent-arrears" }, limit: 1000 };

    const messagesBefore = await countMessages();
    const jobsBefore = (await manualJobs()).length;
    const dry = await replay(caller.headers, { ...body, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json).toEqual({
      id: expect.any(String),
      request: {
        status: "fail",
        filters: { category: "rent-arrears" },
        limit: 1000,
        clientId: caller.caller.id,
        organisation: "Dry Ltd",
        dryRun: true,
      },
      results: { matched: 4, queued: 2 },
    });
    expect(await countMessages()).toBe(messagesBefore);
    expect(await manualJobs()).toHaveLength(jobsBefore);

    const real = await replay(caller.headers, { ...body, dryRun: false });
    expect(real.json.results).toEqual({ matched: 4, queued: 2 });
    const copies = await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.subscriptionId, live));
    const replays = copies.filter((message) => message.replayOf !== null);
    expect(replays).toHaveLength(real.json.results.queued);
    expect(await countMessages()).toBe(messagesBefore + 2);
    for (const copy of replays) {
      const original = copies.find((message) => message.id === copy.replayOf)!;
      expect(originals.slice(0, 2)).toContain(original.id);
      expect(copy).toMatchObject({
        status: "pending",
        attemptCount: 0,
        payload: original.payload,
        eventId: original.eventId,
      });
    }
    expect(await manualJobs()).toEqual(expect.arrayContaining(replays.map((copy) => copy.id)));
    const [audit] = await db()
      .select()
      .from(subscriptionAuditEntries)
      .where(eq(subscriptionAuditEntries.id, real.json.id));
    expect(audit).toMatchObject({
      action: "replay",
      clientId: caller.caller.id,
      details: { results: { matched: 4, queued: 2 } },
    });

    // The originals now have a later copy: asking again replays nothing twice.
    const again = await replay(caller.headers, { ...body, dryRun: true });
    expect(again.json.results).toEqual({ matched: 2, queued: 0 });
  });

  it("two replays at once queue each failed message once between them", async () => {
    const caller = await createSubscriber(db());
    const subscription = await insertSubscription(db(), caller.caller.id);
    for (let index = 0; index < 5; index++) await insertMessage(db(), subscription);
    const answers = await Promise.all([
      replay(caller.headers, { limit: 100, dryRun: false }),
      replay(caller.headers, { limit: 100, dryRun: false }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => answer.json.results.queued).sort()).toEqual([0, 5]);
    const copies = await db()
      .select()
      .from(subscriptionMessages)
      .where(eq(subscriptionMessages.subscriptionId, subscription));
    expect(copies.filter((message) => message.replayOf !== null)).toHaveLength(5);
  });

  it("the limit caps what is matched and queued, oldest first", async () => {
    const caller = await createSubscriber(db());
    const subscription = await insertSubscription(db(), caller.caller.id);
    const oldest = await insertMessage(db(), subscription, { createdAt: new Date(Date.now() - 60_000) });
    await insertMessage(db(), subscription);
    const { json } = await replay(caller.headers, { limit: 1, dryRun: false });
    expect(json.results).toEqual({ matched: 1, queued: 1 });
    const [copy] = await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.replayOf, oldest));
    expect(copy).toBeDefined();
  });
});

describe("POST /api/v1/subscription-messages/{id}/replay", () => {
  it("queues a new copy of one message and says so; another client's is a 404", async () => {
    const subscription = await insertSubscription(db(), a.caller.id);
    const id = await insertMessage(db(), subscription, { status: "sent" });
    expect((await replayOne(b.headers, id)).status).toBe(404);
    const { status, json } = await replayOne(a.headers, id);
    expect(status).toBe(200);
    expect(json).toEqual({ id, replayId: expect.any(String), status: "Queued" });
    const [copy] = await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.id, json.replayId));
    expect(copy).toMatchObject({ replayOf: id, status: "pending", attemptCount: 0 });
    expect(await manualJobs()).toContain(json.replayId);
  });

  it("refuses a message whose subscription was deleted, with a 409", async () => {
    const subscription = await insertSubscription(db(), a.caller.id);
    const id = await insertMessage(db(), subscription);
    await db().update(subscriptions).set({ deletedAt: new Date() }).where(eq(subscriptions.id, subscription));
    expect((await replayOne(a.headers, id)).status).toBe(409);
  });

  it("a 409 writes nothing, so the audit trail holds only the replays that happened", async () => {
    const subscription = await insertSubscription(db(), a.caller.id);
    const pending = await insertMessage(db(), subscription, { status: "pending" });
    const failed = await insertMessage(db(), subscription);
    expect((await replayOne(a.headers, pending)).status).toBe(409);
    expect((await replayOne(a.headers, failed)).status).toBe(200);
    const again = await replayOne(a.headers, failed);
    expect(again.status).toBe(409);
    expect(again.json.detail).toBe("This message has been replayed since; replay its latest copy");
    const audit = await db()
      .select()
      .from(subscriptionAuditEntries)
      .where(eq(subscriptionAuditEntries.subscriptionId, subscription));
    expect(audit.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ request: { id: failed }, results: { matched: 1, queued: 1 } }),
    ]);
  });
});
