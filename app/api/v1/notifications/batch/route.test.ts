import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, notifications } from "@/db/schema";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { rowCount } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import * as route from "./route";

const { database, demo } = setUpNotificationsApi({ notify: true });

const emailQuery = { notificationType: "Email", serviceKey: "housing", templateId: notifyTemplateIds.email.visitDue! };
const emailFields = "title,recipient_name,urgent,summary,action_url";
const emailRow = (address: string, name = "Rosa") =>
  `${address},Gas check,${name},no,We will check the boiler,https://example.com/visit`;

const upload = (csv: string, query: Record<string, string> = emailQuery, headers: Record<string, string> = {}) =>
  callRoute(route.POST, "POST", "/api/v1/notifications/batch", {
    headers: { ...demo.serviceHeaders, "content-type": "text/csv", ...headers },
    body: csv,
    query,
  });

const notificationCount = () => rowCount(database.handle.db, notifications);

describe("POST /api/v1/notifications/batch", () => {
  it("creates one notification with a pending delivery per row of a valid file", async () => {
    const csv = [
      `email address,${emailFields}`,
      emailRow("one@example.com"),
      emailRow("two@example.com", "Farid"),
      emailRow("three@example.com"),
    ].join("\n");
    const { status, json } = await upload(csv);
    expect(status).toBe(201);
    expect(json.count).toBe(3);
    expect(json.ids).toHaveLength(3);
    const stored = await database.handle.db.select().from(notifications).where(eq(notifications.id, json.ids[1]));
    expect(stored[0]).toMatchObject({
      notificationType: "Email",
      email: "two@example.com",
      templateId: emailQuery.templateId,
    });
    expect(stored[0]!.personalisation).toMatchObject({ recipient_name: "Farid", title: "Gas check" });
    const queued = await database.handle.db.select().from(deliveries).where(eq(deliveries.notificationId, json.ids[0]));
    expect(queued.map((delivery) => [delivery.channel, delivery.status])).toEqual([["email", "pending"]]);
  });

  it("creates nothing when one row is bad, and names its line and field", async () => {
    const before = await notificationCount();
    const csv = [
      `email,${emailFields}`,
      emailRow("ok@example.com"),
      emailRow("not-an-email"),
      `fine@example.com,Gas check,,no,Summary,https://example.com`,
    ].join("\n");
    const { status, json } = await upload(csv);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual([
      "line 3: email",
      "line 4: recipient_name",
    ]);
    expect(await notificationCount()).toBe(before);
  });

  it("reports a template field with no column on every row", async () => {
    const { status, json } = await upload(
      ["email,title,recipient_name,urgent,summary", "a@example.com,T,R,no,S", "b@example.com,T,R,no,S"].join("\n"),
    );
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual([
      "line 2: action_url",
      "line 3: action_url",
    ]);
  });

  it("obeys the per-recipient cap as single creates do: one row too many to an address creates nothing", async () => {
    const before = await notificationCount();
    const rows = Array.from({ length: recipientLimiter.limit + 1 }, () => emailRow("capped@example.com"));
    const { status, json, headers } = await upload([`email,${emailFields}`, ...rows].join("\n"));
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toMatch(/^\d+$/);
    expect(json.errors).toEqual([expect.objectContaining({ path: `line ${recipientLimiter.limit + 2}: email` })]);
    expect(await notificationCount()).toBe(before);
  });

  it("accepts the file as a multipart upload in a field called file", async () => {
    const form = new FormData();
    form.set(
      "file",
      new Blob([[`email,${emailFields}`, emailRow("multi@example.com")].join("\r\n")], { type: "text/csv" }),
      "residents.csv",
    );
    const url = new URL("http://test/api/v1/notifications/batch");
    for (const [key, value] of Object.entries(emailQuery)) url.searchParams.set(key, value);
    const response = await route.POST(new Request(url, { method: "POST", headers: demo.serviceHeaders, body: form }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(201);
    expect((await response.json()).count).toBe(1);
  });

  it("sends letters to the address columns, with postcode as the last line", async () => {
    const csv = [
      "address_line_1,address_line_2,postcode,recipient_name,property,visit_date,work",
      "Ms Rosa Diaz,1 Mare Street,e81dy,Rosa,Flat 1,1 Dec,fix it",
    ].join("\n");
    const { status, json } = await upload(csv, {
      notificationType: "Letter",
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.noAccess,
    });
    expect(status).toBe(201);
    const [stored] = await database.handle.db.select().from(notifications).where(eq(notifications.id, json.ids[0]));
    expect(stored!.address).toEqual({ lines: ["Ms Rosa Diaz", "1 Mare Street", "E8 1DY"] });
  });

  it("texts the numbers in a phone number column", async () => {
    const csv = ["phone number,title,urgent,action_url", "07700 900123,Gas check,no,https://example.com"].join("\n");
    const { status, json } = await upload(csv, {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue!,
    });
    expect(status).toBe(201);
    expect(json.count).toBe(1);
  });

  it.each([
    [
      "a template the service does not have",
      { ...emailQuery, templateId: "f33517ff-2a88-4f6e-b855-c550268ce08a" },
      "templateId",
    ],
    ["an SMS template for emails", { ...emailQuery, templateId: notifyTemplateIds.sms.visitDue! }, "templateId"],
    ["a Screen batch", { ...emailQuery, notificationType: "Screen" }, "notificationType"],
    ["a service that is not configured", { ...emailQuery, serviceKey: "payroll" }, "serviceKey"],
  ])("refuses %s with 400", async (_case, query, path) => {
    const { status, json } = await upload([`email,${emailFields}`, emailRow("a@example.com")].join("\n"), query);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual([path]);
  });

  it("refuses a body over the size limit with 413 and other content types with 415", async () => {
    const huge = `email,${emailFields}\n${emailRow("a@example.com").padEnd(1000, " ")}\n`.repeat(5300);
    expect((await upload(huge)).status).toBe(413);
    expect((await upload("{}", emailQuery, { "content-type": "application/json" })).status).toBe(415);
  });

  it("replays the first answer for the same Idempotency-Key and creates nothing new", async () => {
    const csv = [`email,${emailFields}`, emailRow("idem@example.com")].join("\n");
    const first = await upload(csv, emailQuery, { "idempotency-key": "batch-1" });
    const before = await notificationCount();
    const again = await upload(csv, emailQuery, { "idempotency-key": "batch-1" });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await notificationCount()).toBe(before);
    expect(
      (await upload(`${csv}\n${emailRow("other@example.com")}`, emailQuery, { "idempotency-key": "batch-1" })).status,
    ).toBe(409);
  });
});
