import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiClients, notificationEvents } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { getOpenApiDocument } from "@/lib/openapi/document";
import { getNotificationHub } from "@/lib/realtime/hub";
import { readServerSentEvents, type ReceivedEvent } from "@/lib/realtime/read-server-sent-events";
import { notificationStreamEventSchema } from "@/lib/realtime/schemas";
import { callRoute } from "@/lib/testing/call-route";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import * as stream from "./route";

const { database, demo } = setUpNotificationsApi();

const opened: { close: () => void }[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

/** Opens the stream through the real handler and collects events in the background as they arrive. */
async function openStream(headers: Record<string, string>, query: Record<string, string> = {}) {
  const url = new URL("http://test/api/v1/notifications/stream");
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const abort = new AbortController();
  const response = await stream.GET(new Request(url, { headers, signal: abort.signal }), {
    params: Promise.resolve({}),
  });
  expect(response.status).toBe(200);
  const received: ReceivedEvent[] = [];
  const reading = (async () => {
    for await (const event of readServerSentEvents(response.body!)) received.push(event);
  })();
  const connection = {
    response,
    received,
    /** The first event (from index `from`) that matches, waiting up to two seconds for it. */
    waitFor: (predicate: (event: ReceivedEvent) => boolean, from = 0) =>
      vi.waitFor(
        () => {
          const index = received.findIndex((event, position) => position >= from && predicate(event));
          if (index === -1) throw new Error(`no matching event yet; received ${JSON.stringify(received)}`);
          return { event: received[index]!, index };
        },
        { timeout: 2_000, interval: 5 },
      ),
    eventsAbout: (notificationId: string) =>
      received.filter(
        (event) => event.event.startsWith("notification.") && dataOf(event).notificationId === notificationId,
      ),
    close: () => abort.abort(),
    closed: reading,
  };
  opened.push(connection);
  return connection;
}

const dataOf = (event: ReceivedEvent) => notificationStreamEventSchema.parse(JSON.parse(event.data));
const about = (notificationId: string, type: string) => (event: ReceivedEvent) =>
  event.event === type && dataOf(event).notificationId === notificationId;
const isCounts = (event: ReceivedEvent) => event.event === "counts";
const countsOf = (event: ReceivedEvent) => JSON.parse(event.data) as { unread: number; actionRequired: number };
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const post = async (body: unknown) => {
  const { status, json } = await notificationRoutes.post(demo.serviceHeaders, body);
  expect(status).toBe(201);
  return json.id as string;
};
const toFinance = (message: string) => post({ notificationType: "Screen", message, recipient: { team: "finance" } });
const patch = async (headers: Record<string, string>, id: string, body: unknown) => {
  const { status } = await notificationRoutes.patch(headers, id, body);
  expect(status).toBe(200);
};

describe("GET /api/v1/notifications/stream", () => {
  it("answers with an uncached, unbuffered event stream that starts with a retry hint and the counts", async () => {
    const headers = await demo.as("fiona");
    const abort = new AbortController();
    const response = await stream.GET(
      new Request("http://test/api/v1/notifications/stream", { headers, signal: abort.signal }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes("event: counts")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/^retry: \d+\n\n/);
    const counts = await notificationRoutes.counts(headers);
    expect(text).toContain(`data: ${JSON.stringify(counts.json)}`);
    abort.abort();
    await reader.cancel();
  });

  it("refuses a caller without identity or with a bad Last-Event-ID", async () => {
    expect((await callRoute(stream.GET, "GET", "/api/v1/notifications/stream")).status).toBe(401);
    const headers = await demo.as("fiona");
    expect(
      (
        await callRoute(stream.GET, "GET", "/api/v1/notifications/stream", {
          headers: { ...headers, "last-event-id": "abc" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await callRoute(stream.GET, "GET", "/api/v1/notifications/stream", { headers, query: { lastEventId: "-1" } }))
        .status,
    ).toBe(400);
  });

  it("tells each team member about a new team notification with raised counts, and no one else", async () => {
    const fiona = await openStream(await demo.as("fiona"));
    const grace = await openStream(await demo.as("grace"));
    const rob = await openStream(await demo.as("rob"));
    const { event: initial } = await fiona.waitFor(isCounts);

    const id = await toFinance("Live badge check");

    const created = await fiona.waitFor(about(id, "notification.created"));
    expect(Number(created.event.id)).toBeGreaterThan(0);
    expect(dataOf(created.event)).toEqual({ notificationId: id, type: "notification.created" });
    const { event: raised } = await fiona.waitFor(isCounts, created.index + 1);
    expect(countsOf(raised).unread).toBe(countsOf(initial).unread + 1);
    await grace.waitFor(about(id, "notification.created"));

    await settle();
    expect(rob.eventsAbout(id)).toEqual([]);
    expect(rob.received.filter((event) => event.event !== "counts")).toEqual([]);
  });

  it("gives a client service the changes to what it created, and another service nothing", async () => {
    const service = await openStream(demo.serviceHeaders);
    const other = await openStream(demo.otherServiceHeaders);
    const id = await toFinance("For the creating service");
    await service.waitFor(about(id, "notification.created"));
    await patch(await demo.as("farid"), id, { actionType: "IsRead" });
    await service.waitFor(about(id, "notification.updated"));
    await settle();
    expect(other.eventsAbout(id)).toEqual([]);
  });

  it("never announces a change whose transaction rolled back", async () => {
    const fiona = await openStream(await demo.as("fiona"));
    const db = database.handle.db;
    const [client] = await db.select().from(apiClients).where(eq(apiClients.name, "demo-service"));
    const serviceCaller: ClientCaller = { kind: "client", id: client!.id, name: client!.name, scopes: client!.scopes };
    const body = createNotificationBodySchema.parse({
      notificationType: "Screen",
      message: "Rolled back",
      recipient: { team: "finance" },
    });
    let rolledBackId = "";
    await expect(
      db.transaction(async (tx) => {
        rolledBackId = (await createNotification(tx, serviceCaller, body)).notification.id;
        throw new Error("the request failed after the insert");
      }),
    ).rejects.toThrow("the request failed");
    expect(rolledBackId).not.toBe("");

    // A later, committed change arrives; the rolled-back one, announced earlier if at all, never did.
    const committedId = await toFinance("Committed after the rollback");
    await fiona.waitFor(about(committedId, "notification.created"));
    await settle();
    expect(fiona.eventsAbout(rolledBackId)).toEqual([]);
    expect(
      await db.select().from(notificationEvents).where(eq(notificationEvents.notificationId, rolledBackId)),
    ).toEqual([]);
  });

  it("replays the caller's missed events after Last-Event-ID, in order, then goes live", async () => {
    const first = await openStream(await demo.as("farid"));
    const seenId = await toFinance("Seen before the disconnect");
    const { event: seen } = await first.waitFor(about(seenId, "notification.created"));
    first.close();

    const missedOne = await toFinance("Missed one");
    const notForFarid = await post({
      notificationType: "Screen",
      message: "Repairs only",
      recipient: { team: "repairs" },
    });
    const missedTwo = await toFinance("Missed two");
    await patch(await demo.as("grace"), missedOne, { actionType: "Validate" });

    const resumed = await openStream({ ...(await demo.as("farid")), "last-event-id": seen.id! });
    await resumed.waitFor(about(missedOne, "notification.updated"));
    const replayed = resumed.received.filter((event) => event.event.startsWith("notification."));
    expect(replayed.map((event) => [event.event, dataOf(event).notificationId])).toEqual([
      ["notification.created", missedOne],
      ["notification.created", missedTwo],
      ["notification.updated", missedOne],
    ]);
    const ids = replayed.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids[0]).toBeGreaterThan(Number(seen.id));
    expect(resumed.eventsAbout(notForFarid)).toEqual([]);

    const live = await toFinance("Live after the replay");
    await resumed.waitFor(about(live, "notification.created"));

    // The query parameter does the same for clients that cannot set the header.
    const byQuery = await openStream(await demo.as("farid"), { lastEventId: seen.id! });
    await byQuery.waitFor(about(live, "notification.created"));
    expect(byQuery.eventsAbout(seenId)).toEqual([]);
    expect(byQuery.eventsAbout(missedTwo)).toHaveLength(1);
  });

  it("gives a fresh stream's counts the position it starts from, so a drop before any change still replays it", async () => {
    const first = await openStream(await demo.as("farid"));
    const { event: counts } = await first.waitFor(isCounts);
    expect(counts.id).toMatch(/^\d+$/);
    first.close();

    const missed = await toFinance("Missed before anything else arrived");
    const resumed = await openStream({ ...(await demo.as("farid")), "last-event-id": counts.id! });
    await resumed.waitFor(about(missed, "notification.created"));
    const { event: resumedCounts } = await resumed.waitFor(isCounts);
    // A resumed stream's counts leave the browser's Last-Event-ID as it was.
    expect(resumedCounts.id).toBeUndefined();
  });

  it("tells every team member about an action, but only the reader about marking read", async () => {
    const members = await Promise.all(["fiona", "farid", "grace"].map(async (name) => openStream(await demo.as(name))));
    const outsider = await openStream(await demo.as("hana"));
    const id = await post({ notificationType: "Screen", category: "estimateApproval", message: "Estimate E-77" });
    await Promise.all(members.map((member) => member.waitFor(about(id, "notification.created"))));

    await patch(await demo.as("fiona"), id, { actionType: "Approved", actionNote: "Within budget" });
    for (const member of members) {
      const { event: initial } = await member.waitFor(isCounts);
      const updated = await member.waitFor(about(id, "notification.updated"));
      // Claimed by Fiona, so it leaves everyone's action-required count again.
      const { event: counts } = await member.waitFor(isCounts, updated.index + 1);
      expect(countsOf(counts).actionRequired).toBe(countsOf(initial).actionRequired);
    }

    await patch(await demo.as("grace"), id, { actionType: "IsRead" });
    const [, farid, grace] = members;
    await vi.waitFor(() => expect(grace!.eventsAbout(id)).toHaveLength(3), { timeout: 2_000, interval: 5 });
    await settle();
    expect(farid!.eventsAbout(id)).toHaveLength(2);
    expect(outsider.eventsAbout(id)).toEqual([]);
  });

  it("tells everyone holding the notification when it is deleted", async () => {
    const farid = await openStream(await demo.as("farid"));
    const id = await toFinance("To be deleted");
    await farid.waitFor(about(id, "notification.created"));
    // Deleted by the service that sent it (people archive their own copy instead).
    const { status } = await notificationRoutes.remove(demo.serviceHeaders, id);
    expect(status).toBe(204);
    await farid.waitFor(about(id, "notification.updated"));
  });

  it("is described in the OpenAPI document", () => {
    const operation = getOpenApiDocument().paths?.["/api/v1/notifications/stream"]?.get;
    expect(Object.keys(operation?.responses?.["200"]?.content ?? {})).toEqual(["text/event-stream"]);
    expect(operation?.parameters?.map((parameter) => ("name" in parameter ? parameter.name : ""))).toEqual([
      "lastEventId",
      "Last-Event-ID",
    ]);
  });

  it("lets go of the connection when the client goes away", async () => {
    const hub = await getNotificationHub(database.handle);
    const before = hub.subscriberCount;
    const connection = await openStream(await demo.as("grace"));
    expect(hub.subscriberCount).toBe(before + 1);
    connection.close();
    await connection.closed;
    expect(hub.subscriberCount).toBe(before);
  });
});
