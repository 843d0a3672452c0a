import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { deliveries, notifications } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resolveRecipient } from "@/lib/delivery/resolve-recipient";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as collection from "../../notifications/route";
import * as preferences from "./route";

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

type Choice = { category: string; inApp: boolean; email: "immediate" | "daily" | "off"; sms: boolean };
const read = async (headers: Record<string, string>) =>
  (await callRoute(preferences.GET, "GET", "/api/v1/me/preferences", { headers })).json;
const save = (headers: Record<string, string>, body: unknown) =>
  callRoute(preferences.PUT, "PUT", "/api/v1/me/preferences", { headers, body });
const choose = (all: Choice[], category: string, change: Partial<Choice>) =>
  all.map((choice) => (choice.category === category ? { ...choice, ...change } : choice));

describe("/api/v1/me/preferences", () => {
  it("starts from the defaults: every category in the inbox, no email, no text", async () => {
    const current = await read(await demo.as("farid"));
    expect(current.mobileNumber).toBeNull();
    expect(current.categories).toHaveLength(20);
    expect(current.categories.every((choice: Choice) => choice.inApp && choice.email === "off" && !choice.sms)).toBe(
      true,
    );
  });

  it("saves choices, and an inbox opt-out keeps that category out of the person's inbox but not their team's", async () => {
    const farid = await demo.as("farid");
    const current = await read(farid);
    const body = {
      mobileNumber: "07700 900 123",
      categories: choose(
        choose(current.categories, "newProperty", { inApp: false, email: "immediate" }),
        "workOrderVariation",
        { sms: true },
      ),
    };
    const saved = await save(farid, body);
    expect(saved.status).toBe(200);
    expect(saved.json.mobileNumber).toBe("447700900123");
    expect(saved.json.categories.find((choice: Choice) => choice.category === "newProperty")).toMatchObject({
      inApp: false,
      email: "immediate",
    });

    const created = await callRoute(collection.POST, "POST", "/api/v1/notifications", {
      headers: demo.serviceHeaders,
      body: { notificationType: "Screen", category: "newProperty", message: "New property on Mare Street" },
    });
    const inbox = async (name: string) =>
      (
        await callRoute(collection.GET, "GET", "/api/v1/notifications", { headers: await demo.as(name) })
      ).json.results.map((item: { id: string }) => item.id);
    expect(await inbox("farid")).not.toContain(created.json.id);
    expect(await inbox("fiona")).toContain(created.json.id);

    // Farid chose email for this category: his own copy, addressed to him at send time.
    const copies = await database.handle.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.notificationId, created.json.id));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({
      channel: "email",
      userId: demo.people.farid!.id,
      status: "pending",
      templateId: notifyTemplateIds.email.newProperty,
    });
    expect(copies[0]!.personalisation).toMatchObject({
      recipient_name: "Farid Khan",
      title: "New property added",
      summary: "New property on Mare Street",
      urgent: "no",
    });
    const [notification] = await database.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, created.json.id));
    expect(await resolveRecipient(database.handle.db, copies[0]!, notification!)).toEqual({
      channel: "email",
      emailAddress: "farid.khan@council.example",
      // A member of staff: the copy carries the staff follow-on link.
      reader: "staff",
    });

    // Texts go only to people who chose them and gave a mobile number.
    const variation = await callRoute(collection.POST, "POST", "/api/v1/notifications", {
      headers: demo.serviceHeaders,
      body: {
        notificationType: "Screen",
        category: "workOrderVariation",
        message: "Variation",
        recipient: { team: "finance" },
      },
    });
    const texts = await database.handle.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.notificationId, variation.json.id));
    expect(texts.map((delivery) => [delivery.channel, delivery.userId])).toEqual([["sms", demo.people.farid!.id]]);
  });

  it("refuses choices a category does not allow, saving nothing", async () => {
    const grace = await demo.as("grace");
    const current = await read(grace);
    const body = {
      mobileNumber: null,
      categories: choose(choose(current.categories, "estimateApproval", { inApp: false }), "newTenure", { sms: true }),
    };
    const { status, json } = await save(grace, body);
    expect(status).toBe(400);
    const paths = json.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^categories\.\d+\.inApp$/),
        expect.stringMatching(/^categories\.\d+\.sms$/),
        "mobileNumber",
      ]),
    );
    expect(await read(grace)).toEqual(current);
  });

  it("saves a daily digest choice and reads it back", async () => {
    const fiona = await demo.as("fiona");
    const current = await read(fiona);
    const saved = await save(fiona, {
      mobileNumber: null,
      categories: choose(current.categories, "newTenure", { email: "daily" }),
    });
    expect(saved.status).toBe(200);
    expect((await read(fiona)).categories.find((choice: Choice) => choice.category === "newTenure").email).toBe(
      "daily",
    );
  });

  it.each([
    ["an unknown frequency", "weekly"],
    ["the old tick", true],
    ["nothing", null],
  ])("refuses %s for email, naming the field and saving nothing", async (_, email) => {
    const grace = await demo.as("grace");
    const current = await read(grace);
    const index = current.categories.findIndex((choice: Choice) => choice.category === "newProperty");
    const categories = current.categories.map((choice: Choice, at: number) =>
      at === index ? { ...choice, email } : choice,
    );
    const { status, json } = await save(grace, { mobileNumber: null, categories });
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ path: `categories.${index}.email`, message: expect.any(String) }]);
    expect(await read(grace)).toEqual(current);
  });

  it("refuses a category listed twice, naming the repeat", async () => {
    const grace = await demo.as("grace");
    const current = await read(grace);
    const { status, json } = await save(grace, {
      mobileNumber: null,
      categories: [...current.categories.slice(0, -1), current.categories[0]],
    });
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual([
      `categories.${current.categories.length - 1}.category`,
    ]);
  });

  it("is for people only", async () => {
    expect(
      (await callRoute(preferences.GET, "GET", "/api/v1/me/preferences", { headers: demo.serviceHeaders })).status,
    ).toBe(403);
  });
});
