import { beforeAll, describe, expect, it } from "vitest";
import { getDocument } from "@/lib/documents/get-document";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { emailNotificationBody, letterNotificationBody, postNotification } from "@/lib/testing/notification-requests";
import { pollDeliveryStatuses } from "./poll-statuses";
import {
  countByReference,
  createEmailDeliveries,
  deliveriesById,
  emailPersonalisation,
  findDeliveryOf,
  setUpDeliveryTest,
  statusEventsOf,
  waitFor,
} from "./test-support";

const context = setUpDeliveryTest();
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

const one = async (id: string) => (await deliveriesById(context.handle.db, [id]))[0]!;

/** The delivery of a notification created through the API, once Notify has taken it or refused it. */
async function sentDeliveryOf(notificationId: string) {
  const deliveryId = (await findDeliveryOf(context.handle.db, notificationId))!.id;
  return waitFor(
    () => one(deliveryId),
    (row) => row.notifyId !== null || row.status === "rejected",
  );
}

describe("sending deliveries through GOV.UK Notify", () => {
  it("delivers an email created through the API and records delivered from Notify's callback", async () => {
    const { status, json } = await postNotification(
      demo.serviceHeaders,
      emailNotificationBody("sam.patel@example.com"),
    );
    expect(status).toBe(201);
    const deliveryId = (await findDeliveryOf(context.handle.db, json.id))!.id;
    const delivered = await waitFor(
      () => one(deliveryId),
      (delivery) => delivery.status === "delivered",
    );
    expect(delivered.notifyId).toBeTruthy();
    expect(delivered.callbackReceivedAt).not.toBeNull();
    expect(delivered.completedAt).not.toBeNull();
    const events = await statusEventsOf(context.handle.db, deliveryId);
    expect(events.map((event) => [event.status, event.source])).toEqual([
      ["sending", "worker"],
      ["created", "worker"],
      ["delivered", "callback"],
    ]);
    const sent = context.simulator.store.find(delivered.notifyId!)!;
    expect(sent.reference).toBe(deliveryId);
    expect(sent.to).toBe("sam.patel@example.com");
  });

  it("sends an attached file through Notify's send-a-file link, keeping the file in the documents store", async () => {
    const file = Buffer.from("%PDF-1.4\nRent statement for 1 Mare Street\n%%EOF\n");
    const { action_url: _link, ...personalisation } = emailPersonalisation as Record<string, string>;
    const { status, json } = await postNotification(
      demo.serviceHeaders,
      emailNotificationBody("sam.patel@example.com", {
        personalisationParams: personalisation,
        attachment: {
          personalisationField: "action_url",
          filename: "rent-statement.pdf",
          content: file.toString("base64"),
          retentionPeriod: "4 weeks",
        },
      }),
    );
    expect(status, JSON.stringify(json)).toBe(201);
    const documentId: string = json.deliveries[0].documentId;
    const stored = await getDocument(context.handle.db, documentId);
    expect(stored?.content.equals(file)).toBe(true);
    expect(stored?.contentType).toBe("application/pdf");
    const sent = await sentDeliveryOf(json.id);
    expect(sent.error).toBeNull();
    const atNotify = context.simulator.store.find(sent.notifyId!)!;
    expect(String(atNotify.personalisation.action_url)).toMatch(/^https:\/\/documents\.service\.gov\.uk\/d\//);
    expect(atNotify.body).toContain("https://documents.service.gov.uk/d/");
  });

  it("sends a letter as a precompiled PDF kept in the documents store, and follows it by polling", async () => {
    const { status, json } = await postNotification(demo.serviceHeaders, letterNotificationBody());
    expect(status).toBe(201);
    const sent = await sentDeliveryOf(json.id);
    const deliveryId = sent.id;
    expect(sent.error).toBeNull();
    expect(sent.documentId).toBeTruthy();
    const document = await getDocument(context.handle.db, sent.documentId!);
    const atNotify = context.simulator.store.find(sent.notifyId!)!;
    expect(atNotify.reference).toBe(deliveryId);
    expect(atNotify.pdf?.equals(document!.content)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await pollDeliveryStatuses(context.handle.db, { olderThanMinutes: 0 });
    expect(["accepted", "received"]).toContain((await one(deliveryId)).status);
  });

  it("records the final status from a status poll when no callback comes", async () => {
    context.simulator.setCallback(null);
    try {
      const [delivery] = await createEmailDeliveries(context.handle.db, 1);
      await waitFor(
        () => one(delivery!.id),
        (row) => row.status === "created",
      );
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await pollDeliveryStatuses(context.handle.db, { olderThanMinutes: 0 })).toBeGreaterThanOrEqual(1);
      const polled = await one(delivery!.id);
      expect(polled.status).toBe("delivered");
      expect(polled.callbackReceivedAt).toBeNull();
      expect((await statusEventsOf(context.handle.db, delivery!.id)).at(-1)?.source).toBe("poll");
    } finally {
      context.restoreCallback();
    }
  });

  it("does not send a scheduled delivery before its sendAt", async () => {
    const sendAt = new Date(Date.now() + 4000);
    const [delivery] = await createEmailDeliveries(context.handle.db, 1, { sendAt });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await one(delivery!.id)).status).toBe("scheduled");
    expect(countByReference(context.simulator).get(delivery!.id)).toBeUndefined();
    const sent = await waitFor(
      () => one(delivery!.id),
      (row) => row.notifyId !== null,
      { timeoutMs: 20_000 },
    );
    expect(sent.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(sendAt.getTime());
  });

  it("rejects a delivery Notify refuses with a 4xx, keeping Notify's message, and does not retry it", async () => {
    const [delivery] = await createEmailDeliveries(context.handle.db, 1, {
      templateId: "00000000-0000-4000-8000-000000000000",
    });
    const rejected = await waitFor(
      () => one(delivery!.id),
      (row) => row.status === "rejected",
    );
    expect(rejected.error).toBe("Template not found");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await one(delivery!.id)).attempts).toBe(1);
    expect(rejected.notifyId).toBeNull();
  });

  it("delivers every message exactly once while Notify fails 30% of requests with 500, then 429", async () => {
    context.simulator.setFailure({ status: 500, share: 0.3 });
    try {
      const first = await createEmailDeliveries(context.handle.db, 40);
      await waitFor(
        () =>
          deliveriesById(
            context.handle.db,
            first.map((d) => d.id),
          ),
        (rows) => rows.filter((row) => row.notifyId).length >= 20,
        { timeoutMs: 30_000 },
      );
      context.simulator.setFailure({ status: 429, share: 0.3 });
      const second = await createEmailDeliveries(context.handle.db, 40);
      const ids = [...first, ...second].map((delivery) => delivery.id);
      const rows = await waitFor(
        () => deliveriesById(context.handle.db, ids),
        (all) => all.every((row) => row.notifyId !== null),
        { timeoutMs: 45_000, intervalMs: 250 },
      );
      expect(rows.some((row) => row.attempts > 1)).toBe(true);
      const counts = countByReference(context.simulator);
      for (const id of ids) expect(counts.get(id), `messages at Notify for ${id}`).toBe(1);
      context.simulator.setFailure(null);
      await waitFor(
        () => deliveriesById(context.handle.db, ids),
        (all) => all.every((row) => row.status === "delivered"),
        { timeoutMs: 20_000, intervalMs: 250 },
      );
    } finally {
      context.simulator.setFailure(null);
    }
  }, 90_000);
});
