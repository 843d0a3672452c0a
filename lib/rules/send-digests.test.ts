import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deliveries, digestItems, digests } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createSendRateLimiter } from "@/lib/delivery/rate-limiter";
import { sendDelivery } from "@/lib/delivery/send-delivery";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import * as collection from "@/app/api/v1/notifications/route";
import type { EmailMode } from "@/db/schema";
import { londonDay } from "./digest-email";
import { getPreferences, savePreferences } from "./preferences";
import { sendDailyDigests } from "./send-digests";

// People who chose a daily digest get no email per item; the 08:00 run sends each of them one email
// listing what arrived since their last, through the real pipeline to the Notify simulator.

const database = setUpTestDatabase();
const notify = setUpNotifySimulator();
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

// Runs at 08:00 UTC (08:00 or 09:00 in London) on days after today, and later the same day.
const firstDay = new Date();
firstDay.setUTCDate(firstDay.getUTCDate() + 2);
firstDay.setUTCHours(8, 0, 0, 0);
const at = (day: number, hours = 0) => new Date(firstDay.getTime() + day * 86_400_000 + hours * 3_600_000);

const db = () => database.handle.db;
const person = (name: string) => demo.people[name]!;

async function chooseEmail(name: string, category: string, mode: EmailMode) {
  const current = await getPreferences(db(), person(name).id);
  await db().transaction((tx) =>
    savePreferences(tx, person(name).id, {
      ...current,
      categories: current.categories.map((choice) =>
        choice.category === category ? { ...choice, email: mode } : choice,
      ),
    }),
  );
}

async function post(category: string, message: string): Promise<string> {
  const { status, json } = await callRoute(collection.POST, "POST", "/api/v1/notifications", {
    headers: demo.serviceHeaders,
    body: { notificationType: "Screen", category, message },
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return json.id;
}

/** Sends the person's digest for the day's run through Notify and answers the email the simulator holds. */
async function digestEmailOf(name: string, runAt: Date) {
  const [row] = await db()
    .select({ delivery: deliveries })
    .from(digests)
    .innerJoin(deliveries, eq(deliveries.id, digests.deliveryId))
    .where(and(eq(digests.userId, person(name).id), eq(digests.day, londonDay(runAt))));
  expect(row, `${name} has a digest on ${londonDay(runAt)}`).toBeDefined();
  const limiter = createSendRateLimiter(db(), { limitFor: () => ({ requests: 3000, perSeconds: 60 }) });
  expect(await sendDelivery(db(), row!.delivery.id, { limiter })).toBe("sent");
  const [sent] = await db().select().from(deliveries).where(eq(deliveries.id, row!.delivery.id));
  return notify.simulator.store.find(sent!.notifyId!)!;
}

const digestCount = async () => (await db().select().from(digests)).length;

describe("daily email digests", () => {
  it("makes no email copy for a person who chose the daily digest, and keeps the item for it", async () => {
    await chooseEmail("farid", "newProperty", "daily");
    await chooseEmail("grace", "newProperty", "immediate");
    const id = await post("newProperty", "New property on Mare Street");

    const copies = await db().select().from(deliveries).where(eq(deliveries.notificationId, id));
    expect(copies.map((copy) => copy.userId)).toEqual([person("grace").id]);
    const waiting = await db().select().from(digestItems).where(eq(digestItems.notificationId, id));
    expect(waiting.map((item) => [item.userId, item.digestId])).toEqual([[person("farid").id, null]]);
  });

  it("sends each person one email listing their own items, with links, and nobody else's", async () => {
    await chooseEmail("grace", "newTenure", "daily");
    const second = await post("newProperty", "New property on Dalston Lane");
    await post("newTenure", "New tenure at 4 Amhurst Road");

    const sentTo = await sendDailyDigests(db(), { now: at(0) });
    expect(sentTo.sort()).toEqual([person("farid").id, person("grace").id].sort());

    const farid = await digestEmailOf("farid", at(0));
    expect(farid.to).toBe("farid.khan@council.example");
    expect(farid.templateId).toBe(notifyTemplateIds.digestEmail);
    expect(farid.subject).toBe("Your daily summary: 2 new");
    expect(farid.body).toContain("New property added: New property on Mare Street");
    expect(farid.body).toContain("New property added: New property on Dalston Lane");
    expect(farid.body).toContain(`/notifications/${second}`);
    expect(farid.body).not.toContain("Amhurst Road");

    const grace = await digestEmailOf("grace", at(0));
    expect(grace.subject).toBe("Your daily summary: 1 new");
    expect(grace.body).toContain("New tenure added: New tenure at 4 Amhurst Road");
    expect(grace.body).not.toContain("Mare Street");
  });

  it("sends nothing more the same day; what arrives after waits for the next day's digest, alone", async () => {
    await post("newProperty", "New property on Kingsland Road");
    const before = await digestCount();
    expect(await sendDailyDigests(db(), { now: at(0, 6) })).toEqual([]);
    expect(await digestCount()).toBe(before);

    expect(await sendDailyDigests(db(), { now: at(1) })).toEqual([person("farid").id]);
    const next = await digestEmailOf("farid", at(1));
    expect(next.subject).toBe("Your daily summary: 1 new");
    expect(next.body).toContain("Kingsland Road");
    expect(next.body).not.toContain("Mare Street");
  });

  it("sends one digest when two workers run the job at once", async () => {
    await post("newProperty", "New property on Graham Road");
    const runs = await Promise.all([sendDailyDigests(db(), { now: at(2) }), sendDailyDigests(db(), { now: at(2) })]);
    expect(runs.flat()).toEqual([person("farid").id]);
    const sameDay = await db()
      .select()
      .from(digests)
      .where(eq(digests.day, londonDay(at(2))));
    expect(sameDay).toHaveLength(1);
  });

  it("sends nothing when nothing arrived", async () => {
    const before = (await db().select().from(deliveries)).length;
    expect(await sendDailyDigests(db(), { now: at(3) })).toEqual([]);
    expect((await db().select().from(deliveries)).length).toBe(before);
  });

  it("sends nothing to a person whose email is off, including items that waited before they turned it off", async () => {
    const waited = await post("newProperty", "New property on Wilton Way");
    await chooseEmail("farid", "newProperty", "off");
    const later = await post("newProperty", "New property on Navarino Road");

    expect(await sendDailyDigests(db(), { now: at(4) })).toEqual([]);
    const copies = await db().select().from(deliveries).where(eq(deliveries.notificationId, later));
    expect(copies.map((copy) => copy.userId)).toEqual([person("grace").id]);
    const left = await db().select().from(digestItems).where(eq(digestItems.notificationId, waited));
    expect(left).toEqual([]);
  });
});
