import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, deliveries, type Delivery } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { PersonCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { getOutboxDelivery } from "@/lib/delivery-outbox/get-outbox-delivery";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { smsPersonalisation } from "@/lib/notify-simulator/test-support";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { callRoute } from "@/lib/testing/call-route";
import { postNotification } from "@/lib/testing/notification-requests";
import * as notificationRoute from "@/app/api/v1/notifications/[id]/route";
import { resendDelivery, whyNotResendable } from "./resend-delivery";
import {
  countByReference,
  deliveriesById,
  findDeliveryOf,
  setUpDeliveryTest,
  statusEventsOf,
  waitFor,
} from "./test-support";

// A real simulator and the real workers: the failed text and its resend really go to Notify.
const context = setUpDeliveryTest();
let demo: DemoCallers;
let admin: PersonCaller;
let officer: PersonCaller;

/** A text through the API and the worker, to a number the simulator fails (Notify's test number), until it has failed. */
async function failedText(mobileNumber = "07700900003", finalStatus = "temporary-failure"): Promise<Delivery> {
  const { status, json } = await postNotification(demo.serviceHeaders, {
    notificationType: "Text",
    serviceKey: "housing",
    templateId: notifyTemplateIds.sms.visitDue,
    mobileNumber,
    personalisationParams: smsPersonalisation,
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return waitFor(
    async () => (await findDeliveryOf(context.handle.db, json.id))!,
    (delivery) => delivery?.status === finalStatus,
  );
}

const one = async (id: string) => (await deliveriesById(context.handle.db, [id]))[0]!;
const resendsOf = (id: string) =>
  context.handle.db.select().from(deliveries).where(eq(deliveries.resentFromDeliveryId, id));

beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
  admin = (await findPersonCaller(context.handle.db, demo.people.alex!.id))!;
  officer = (await findPersonCaller(context.handle.db, demo.people.fiona!.id))!;
});

describe("resendDelivery", () => {
  it("sends a failed text again as a new, linked delivery that the worker sends; the failed one stays as it was", async () => {
    const failed = await failedText();
    const { delivery, resentNow } = await resendDelivery(context.handle.db, admin, failed.id);
    expect(resentNow).toBe(true);
    expect(delivery).toMatchObject({
      notificationId: failed.notificationId,
      channel: "sms",
      status: "pending",
      resentFromDeliveryId: failed.id,
      notifyId: null,
    });
    expect(await one(failed.id)).toEqual(failed);
    // The same number fails the same way at the simulator: the point is that it went, once, and its status moved.
    const sent = await waitFor(
      () => one(delivery.id),
      (current) => current.status === "temporary-failure",
    );
    expect(sent.notifyId).not.toBeNull();
    expect(countByReference(context.simulator).get(delivery.id)).toBe(1);
    expect((await statusEventsOf(context.handle.db, delivery.id)).map((event) => event.status)).toEqual(
      expect.arrayContaining(["pending", "sending", "created", "temporary-failure"]),
    );
  });

  it("answers the resend already made when asked twice, at once or later, and sends it once", async () => {
    const failed = await failedText();
    const [first, second] = await Promise.all([
      resendDelivery(context.handle.db, admin, failed.id),
      resendDelivery(context.handle.db, admin, failed.id),
    ]);
    expect([first.resentNow, second.resentNow].sort()).toEqual([false, true]);
    expect(second.delivery.id).toBe(first.delivery.id);
    await waitFor(
      () => one(first.delivery.id),
      (current) => current.status === "temporary-failure",
    );
    const again = await resendDelivery(context.handle.db, admin, failed.id);
    expect(again).toMatchObject({ resentNow: false, delivery: { id: first.delivery.id } });
    expect(await resendsOf(failed.id)).toHaveLength(1);
    expect(countByReference(context.simulator).get(first.delivery.id)).toBe(1);
    // The resend failed too: it can be resent in its turn.
    const chained = await resendDelivery(context.handle.db, admin, first.delivery.id);
    expect(chained.delivery.resentFromDeliveryId).toBe(first.delivery.id);
  });

  it("records who resent it, and when, in the notification's activity history", async () => {
    const failed = await failedText();
    const before = new Date();
    const { delivery } = await resendDelivery(context.handle.db, admin, failed.id);
    const trail = await context.handle.db
      .select()
      .from(activities)
      .where(and(eq(activities.targetType, "notification"), eq(activities.targetId, failed.notificationId)));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      type: "update",
      authorDetails: { id: admin.id, fullName: "Alex Morgan", email: admin.email },
      oldData: { smsStatus: "temporary-failure" },
      newData: { smsStatus: "resent", resendOf: failed.id, resentAs: delivery.id },
    });
    expect(trail[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("refuses anyone but an administrator, and creates nothing", async () => {
    const failed = await failedText();
    await expect(resendDelivery(context.handle.db, officer, failed.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await resendsOf(failed.id)).toEqual([]);
  });

  it("refuses a delivered message, a permanent failure to a fixed number, and an unknown id", async () => {
    const delivered = await failedText("07700900123", "delivered");
    await expect(resendDelivery(context.handle.db, admin, delivered.id)).rejects.toMatchObject({
      code: "conflict",
      message: "This message cannot be resent: Only failed messages can be resent",
    });
    const permanent = await failedText("07700900002", "permanent-failure");
    await expect(resendDelivery(context.handle.db, admin, permanent.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await resendsOf(permanent.id)).toEqual([]);
    const unknown = resendDelivery(context.handle.db, admin, "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0fff");
    await expect(unknown).rejects.toBeInstanceOf(ApiError);
    await expect(unknown).rejects.toMatchObject({ code: "not_found" });
  });

  it("gives the outbox page what it shows: the offer, the links both ways, and why not in words", async () => {
    const db = context.handle.db;
    const failed = await failedText();
    expect(await getOutboxDelivery(db, failed.id)).toMatchObject({
      resend: { kind: "resendable" },
      resendOf: null,
      resentAs: null,
    });
    const { delivery } = await resendDelivery(db, admin, failed.id);
    expect(await getOutboxDelivery(db, failed.id)).toMatchObject({
      resentAs: { id: delivery.id },
      resendOf: null,
    });
    expect(await getOutboxDelivery(db, delivery.id)).toMatchObject({
      resendOf: { id: failed.id, status: "temporary-failure" },
      resentAs: null,
    });

    const permanent = await failedText("07700900002", "permanent-failure");
    expect((await getOutboxDelivery(db, permanent.id))!.resend).toEqual({
      kind: "refused",
      reason: expect.stringMatching(/^It went to an address fixed on the notification/),
    });

    const deleted = await failedText();
    // Deleted as its service deletes it: the delivery page says so, and a resend is refused in the same words.
    const { notificationId } = deleted;
    const removed = await callRoute(notificationRoute.DELETE, "DELETE", `/api/v1/notifications/${notificationId}`, {
      headers: demo.serviceHeaders,
      params: { id: notificationId },
    });
    expect(removed.status).toBe(204);
    expect((await getOutboxDelivery(db, deleted.id))!.resend).toEqual({
      kind: "refused",
      reason: "Its notification has been deleted",
    });
    await expect(resendDelivery(db, admin, deleted.id)).rejects.toMatchObject({
      code: "conflict",
      message: "This message cannot be resent: Its notification has been deleted",
    });
    expect(await resendsOf(deleted.id)).toEqual([]);
  });

  it("rolls back the new delivery and its send job when recording the resend fails", async () => {
    const failed = await failedText();
    const db = context.handle.db;
    const jobs = async () =>
      (await db.execute(sql`select count(*)::int as count from pgboss.job where name = 'delivery-send'`)) as unknown as
        { rows: { count: number }[] } | { count: number }[];
    const jobCount = async () => {
      const result = await jobs();
      return ("rows" in result ? result.rows : result)[0]!.count;
    };
    const before = await jobCount();
    // A real failure inside the transaction, after the delivery and its job are written: the audit insert is refused.
    await db.execute(
      sql.raw(`create function refuse_resend_audit() returns trigger language plpgsql as $$
        begin if new.target_id = '${failed.notificationId}' then raise exception 'audit refused'; end if; return new; end $$`),
    );
    await db.execute(
      sql`create trigger refuse_resend_audit before insert on activities for each row execute function refuse_resend_audit()`,
    );
    try {
      const refused: unknown = await resendDelivery(db, admin, failed.id).catch((error: unknown) => error);
      expect((refused as Error).cause).toMatchObject({ message: expect.stringMatching(/audit refused/) });
    } finally {
      await db.execute(sql`drop trigger refuse_resend_audit on activities`);
      await db.execute(sql`drop function refuse_resend_audit()`);
    }
    expect(await resendsOf(failed.id)).toEqual([]);
    expect(await jobCount()).toBe(before);
    expect(await one(failed.id)).toEqual(failed);
    // Nothing is half-done: it can be resent now.
    expect((await resendDelivery(db, admin, failed.id)).resentNow).toBe(true);
  });
});

describe("whyNotResendable", () => {
  const person = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01";
  it.each([
    ["temporary-failure", null, true],
    ["technical-failure", null, true],
    ["failed", null, true],
    ["permanent-failure", person, true],
    ["permanent-failure", null, false],
    ["rejected", person, true],
    ["rejected", null, false],
    ["validation-failed", null, false],
    ["virus-scan-failed", null, false],
    ["cancelled", null, false],
    ["delivered", null, false],
    ["pending", null, false],
    ["sending", null, false],
  ])("%s (person looked up at send time: %s) → resendable %s", (status, userId, resendable) => {
    expect(whyNotResendable({ status, userId, redactedAt: null }, { deletedAt: null }) === null).toBe(resendable);
  });

  it("refuses a redacted delivery whatever its status", () => {
    expect(
      whyNotResendable({ status: "temporary-failure", userId: null, redactedAt: new Date() }, { deletedAt: null }),
    ).toMatch(/redacted/);
  });

  it("refuses a delivery whose notification has been deleted, whatever its status", () => {
    expect(
      whyNotResendable({ status: "temporary-failure", userId: null, redactedAt: null }, { deletedAt: new Date() }),
    ).toBe("Its notification has been deleted");
  });
});
