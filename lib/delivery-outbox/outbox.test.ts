import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import * as notificationsRoute from "@/app/api/v1/notifications/route";
import { getOutboxDelivery } from "./get-outbox-delivery";
import { listOutbox } from "./list-outbox";

const database = setUpTestDatabase();
setUpNotifySimulator();
let demo: DemoCallers;

const fields = {
  title: "Gas check",
  recipient_name: "Rosa",
  urgent: "no",
  summary: "We will check the boiler",
  action_url: "https://example.com/v/1",
  property: "Flat 1",
  visit_date: "1 Dec",
  work: "fix it",
};

async function create(body: Record<string, unknown>) {
  const { status, json } = await callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", {
    headers: demo.serviceHeaders,
    body: { serviceKey: "housing", personalisationParams: fields, ...body },
  });
  expect(status).toBe(201);
  return json;
}

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  for (let index = 0; index < 3; index += 1)
    await create({
      notificationType: "Email",
      templateId: notifyTemplateIds.email.visitDue,
      email: `resident${index}@example.com`,
    });
  await create({ notificationType: "Text", templateId: notifyTemplateIds.sms.visitDue, mobileNumber: "07700 900123" });
  await create({
    notificationType: "Letter",
    templateId: notifyTemplateIds.letter.visitDue,
    addressLine1: "Ms Rosa Diaz",
    addressLine2: "1 Mare Street",
    addressLine3: "E8 1DY",
  });
});

describe("listOutbox", () => {
  it("lists deliveries newest first with masked recipients", async () => {
    const { items } = await listOutbox(database.handle.db, {});
    expect(items.map((item) => item.channel)).toEqual(["letter", "sms", "email", "email", "email"]);
    expect(items.map((item) => item.recipient)).toEqual([
      "••• E8 1DY",
      "•••123",
      "r•••@example.com",
      "r•••@example.com",
      "r•••@example.com",
    ]);
    expect(items[0]!.status).toBe("pending");
  });

  it("filters by channel and status", async () => {
    expect((await listOutbox(database.handle.db, { channel: "email" })).items).toHaveLength(3);
    const [sms] = (await listOutbox(database.handle.db, { channel: "sms" })).items;
    await database.handle.db.update(deliveries).set({ status: "delivered" }).where(eq(deliveries.id, sms!.id));
    expect((await listOutbox(database.handle.db, { status: "delivered" })).items.map((item) => item.id)).toEqual([
      sms!.id,
    ]);
    expect((await listOutbox(database.handle.db, { status: "delivered", channel: "email" })).items).toEqual([]);
  });

  it("pages by keyset without repeating or skipping, ending with no next token", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await listOutbox(database.handle.db, { after, pageSize: 2 });
      seen.push(...page.items.map((item) => item.id));
      if (!page.nextToken) break;
      after = page.nextToken;
    }
    const all = (await listOutbox(database.handle.db, { pageSize: 100 })).items.map((item) => item.id);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(5);
  });
});

describe("getOutboxDelivery", () => {
  it("renders the message with Notify's preview and the stored personalisation", async () => {
    const [letter] = (await listOutbox(database.handle.db, { channel: "letter" })).items;
    const detail = await getOutboxDelivery(database.handle.db, letter!.id);
    expect(detail?.preview).toEqual({
      ok: true,
      value: expect.objectContaining({ subject: "We will visit Flat 1 on 1 Dec" }),
    });
    if (detail?.preview.ok) expect(detail.preview.value.body).toContain("Dear Rosa,");
  });

  it("answers null for an unknown or malformed id", async () => {
    expect(await getOutboxDelivery(database.handle.db, randomUUID())).toBeNull();
    expect(await getOutboxDelivery(database.handle.db, "nope")).toBeNull();
  });
});
