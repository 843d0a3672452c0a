import { describe, expect, it } from "vitest";
import { screenToFinance, visitDueFields } from "@/lib/notifications/testing/bodies";
import { idsOf, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// GET /api/v1/notifications: paging, filters, and whose notifications a caller sees.

const { demo } = setUpNotificationsApi({ notify: true });

const { post, list, patch } = notificationRoutes;

describe("GET /api/v1/notifications", () => {
  it("pages newest first without gaps or repeats, and ends with nextToken null", async () => {
    const hana = demo.people.hana!;
    const created: string[] = [];
    for (let index = 0; index < 25; index++) {
      const { json } = await post(demo.serviceHeaders, {
        notificationType: "Screen",
        message: `Item ${index}`,
        recipient: { userId: hana.id },
      });
      created.push(json.id);
    }
    const headers = await demo.as("hana");
    const seen: string[] = [];
    let token: string | null = null;
    const sizes: number[] = [];
    do {
      const { json } = await list(headers, { pageSize: "10", ...(token ? { paginationToken: token } : {}) });
      sizes.push(json.results.length);
      seen.push(...idsOf(json));
      token = json.paginationDetails.nextToken;
    } while (token);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual([...created].reverse());
  });

  it("gives no next token when a page ends exactly on the last item", async () => {
    const headers = await demo.as("hana");
    const { json } = await list(headers, { pageSize: "25" });
    expect(json.results).toHaveLength(25);
    expect(json.paginationDetails.nextToken).toBeNull();
  });

  it("lists each item with its own deliveries, and none on a screen-only item", async () => {
    const tom = demo.people.tom!;
    const { json: emailed } = await post(demo.serviceHeaders, {
      notificationType: "Email",
      serviceKey: "housing",
      emailTemplateId: notifyTemplateIds.email.visitDue,
      smsTemplateId: notifyTemplateIds.sms.visitDue,
      email: "tom.baker@resident.example",
      requireSmsNotification: true,
      mobileNumber: "07700 900123",
      personalisationParams: visitDueFields,
      recipient: { userId: tom.id },
    });
    const { json: screen } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Screen only",
      recipient: { userId: tom.id },
    });
    const headers = await demo.as("tom");
    const channels = (json: { results: { id: string; deliveries: { channel: string }[] }[] }) =>
      json.results.map((item) => [item.id, item.deliveries.map((delivery) => delivery.channel)]);
    // The unfiltered inbox (a prepared query) and a search (built per request) agree.
    expect(channels((await list(headers)).json)).toEqual([
      [screen.id, []],
      [emailed.id, ["email", "sms"]],
    ]);
    expect(channels((await list(headers, { q: "Screen only" })).json)).toEqual([[screen.id, []]]);
    // Callers written for the seed ask for every type with notificationType=All.
    const everyType = await list(headers, { notificationType: "All" });
    expect(everyType.status).toBe(200);
    expect(channels(everyType.json)).toEqual([
      [screen.id, []],
      [emailed.id, ["email", "sms"]],
    ]);
    expect(idsOf((await list(headers, { notificationType: "Email" })).json)).toEqual([emailed.id]);
    const first = await list(headers, { pageSize: "1" });
    expect(channels(first.json)).toEqual([[screen.id, []]]);
    const second = await list(headers, { pageSize: "1", paginationToken: first.json.paginationDetails.nextToken });
    expect(channels(second.json)).toEqual([[emailed.id, ["email", "sms"]]]);
  });

  it("filters by type, target and status", async () => {
    const carl = demo.people.carl!;
    const targetId = "1a2b3c4d-0000-4000-8000-00000000abcd";
    await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "About the work order",
      recipient: { userId: carl.id },
      targetType: "workOrder",
      targetId,
    });
    await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Something else",
      recipient: { userId: carl.id },
    });
    const headers = await demo.as("carl");
    const byTarget = await list(headers, { targetId });
    expect(byTarget.json.results.map((item: { message: string }) => item.message)).toEqual(["About the work order"]);
    expect((await list(headers, { notificationType: "Email" })).json.results).toEqual([]);
    const [first] = byTarget.json.results;
    await patch(headers, first.id, { actionType: "IsRead" });
    expect(idsOf((await list(headers, { status: "read" })).json)).toEqual([first.id]);
    expect(
      (await list(headers, { status: "unread" })).json.results.map((item: { message: string }) => item.message),
    ).toEqual(["Something else"]);
  });

  it("shows a client service only what it created", async () => {
    const { json: mine } = await post(demo.otherServiceHeaders, {
      ...screenToFinance,
      message: "From the other service",
    });
    const theirs = await list(demo.serviceHeaders, { pageSize: "100" });
    expect(idsOf(theirs.json)).not.toContain(mine.id);
    const own = await list(demo.otherServiceHeaders, { pageSize: "100" });
    expect(idsOf(own.json)).toContain(mine.id);
  });

  it.each<[Record<string, string>, string]>([
    [{ pageSize: "0" }, "pageSize"],
    [{ pageSize: "101" }, "pageSize"],
    [{ status: "maybe" }, "status"],
    [{ paginationToken: "garbage" }, "paginationToken"],
    // A token edited by hand whose time Postgres would refuse: not a time, year 0, 30 February.
    ...["x", "0000-01-01 00:00:00+00", "2026-02-30 10:00:00+00"].map((at): [Record<string, string>, string] => [
      {
        paginationToken: Buffer.from(JSON.stringify({ at, id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01" })).toString(
          "base64url",
        ),
      },
      "paginationToken",
    ]),
    [{ from: "0000-01-01" }, "from"],
    [{ to: "0000-12-31" }, "to"],
  ])("rejects %j", async (query, path) => {
    const { status, json } = await list(demo.serviceHeaders, query);
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe(path);
  });
});
