import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createNotifyClient } from "@/lib/notify/client";
import { buildSimulatorApiKey } from "./api-keys";
import {
  emailPersonalisation,
  failureOf,
  letterPersonalisation,
  manualClock,
  smsPersonalisation,
  startTestSimulator,
  templates,
} from "./test-support";

async function startWithMessages() {
  const clock = manualClock();
  const started = await startTestSimulator({ clock });
  const { notify } = started;
  const email = await notify.sendEmail(templates.email, "sam@example.com", {
    personalisation: emailPersonalisation,
    reference: "batch-1",
  });
  const failedEmail = await notify.sendEmail(templates.email, "perm-fail@simulator.notify", {
    personalisation: emailPersonalisation,
    reference: "batch-1",
  });
  const sms = await notify.sendSms(templates.sms, "07700900123", {
    personalisation: smsPersonalisation,
    reference: "batch-2",
  });
  const letter = await notify.sendLetter(templates.letter, { personalisation: letterPersonalisation });
  return { ...started, clock, ids: { email: email.id, failedEmail: failedEmail.id, sms: sms.id, letter: letter.id } };
}

describe("GET /v2/notifications", () => {
  it("lists the service's notifications newest first, with current and next links", async () => {
    const { notify, simulator, ids } = await startWithMessages();
    const page = await notify.getNotifications();
    expect(page.notifications.map((notification) => notification.id)).toEqual([
      ids.letter,
      ids.sms,
      ids.failedEmail,
      ids.email,
    ]);
    expect(page.links).toEqual({
      current: `${simulator.url}/v2/notifications`,
      next: `${simulator.url}/v2/notifications?older_than=${ids.email}`,
    });
  });

  it.each([
    [{ templateType: "email" as const }, ["failedEmail", "email"]],
    [{ templateType: "letter" as const }, ["letter"]],
    [{ reference: "batch-1" }, ["failedEmail", "email"]],
    [{ status: "created" }, ["sms", "failedEmail", "email"]],
    // Notify substitutes accepted → created + sending for every type, not only letters.
    [{ status: "accepted" }, ["letter", "sms", "failedEmail", "email"]],
  ])("filters by %j", async (filters, expected) => {
    const { notify, ids } = await startWithMessages();
    const page = await notify.getNotifications(filters);
    expect(page.notifications.map((notification) => notification.id)).toEqual(
      expected.map((name) => ids[name as keyof typeof ids]),
    );
  });

  it("filters by status as it is now, with failed standing for every failure", async () => {
    const { notify, ids, clock } = await startWithMessages();
    clock.advance(2000);
    const listed = async (status: string) =>
      (await notify.getNotifications({ status })).notifications.map((notification) => notification.id);
    expect(await listed("delivered")).toEqual([ids.letter, ids.sms, ids.email]);
    expect(await listed("failed")).toEqual([ids.failedEmail]);
    expect(await listed("permanent-failure")).toEqual([ids.failedEmail]);
    expect(await listed("sending")).toEqual([]);
    // …and received → delivered, so it matches delivered emails and texts too.
    expect(await listed("received")).toEqual([ids.letter, ids.sms, ids.email]);
  });

  it("pages with older_than and ends on an empty page", async () => {
    const { notify, ids } = await startWithMessages();
    const second = await notify.getNotifications({ olderThan: ids.sms });
    expect(second.notifications.map((notification) => notification.id)).toEqual([ids.failedEmail, ids.email]);
    const last = await notify.getNotifications({ olderThan: ids.email });
    expect(last).toEqual({ notifications: [], links: { current: expect.stringContaining(`older_than=${ids.email}`) } });
    expect((await notify.getNotifications({ olderThan: randomUUID() })).notifications).toEqual([]);
  });

  it("pages 250 at a time", async () => {
    const { notify } = await startTestSimulator();
    for (let index = 0; index < 251; index += 1) {
      await notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation });
    }
    const first = await notify.getNotifications();
    expect(first.notifications).toHaveLength(250);
    const rest = await notify.getNotifications({ olderThan: first.notifications.at(-1)!.id });
    expect(rest.notifications).toHaveLength(1);
  });

  it("shows a key only the notifications sent with keys of its type, but any key can read one by id", async () => {
    const testSecret = randomUUID();
    const { notify, simulator, serviceId } = await startTestSimulator({
      extraApiKeys: [{ secret: testSecret, type: "test" }],
    });
    const testKey = createNotifyClient({
      apiKey: buildSimulatorApiKey({ serviceId, secret: testSecret }),
      baseUrl: simulator.url,
    });
    const sentWithTestKey = await testKey.sendEmail(templates.email, "sam@example.com", {
      personalisation: emailPersonalisation,
    });
    const sentWithLiveKey = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: emailPersonalisation,
    });
    expect((await testKey.getNotifications()).notifications.map((notification) => notification.id)).toEqual([
      sentWithTestKey.id,
    ]);
    expect((await notify.getNotifications()).notifications.map((notification) => notification.id)).toEqual([
      sentWithLiveKey.id,
    ]);
    await expect(notify.getNotificationById(sentWithTestKey.id)).resolves.toMatchObject({ id: sentWithTestKey.id });
  });

  it("answers Notify's validation messages", async () => {
    const { notify, requestAsService } = await startTestSimulator();
    expect(await failureOf(notify.getNotifications({ status: "elephant" }))).toMatchObject({
      status: 400,
      errors: [
        {
          error: "ValidationError",
          message:
            "status elephant is not one of [cancelled, created, sending, sent, delivered, pending, failed, technical-failure, temporary-failure, permanent-failure, pending-virus-check, validation-failed, virus-scan-failed, returned-letter, accepted, received]",
        },
      ],
    });
    expect((await failureOf(notify.getNotifications({ templateType: "orange" as "sms" }))).errors[0]!.message).toBe(
      "template_type orange is not one of [sms, email, letter]",
    );
    expect((await failureOf(notify.getNotifications({ olderThan: "yesterday" }))).errors[0]!.message).toBe(
      "older_than is not a valid UUID",
    );
    const unknown = await requestAsService("/v2/notifications?foo=1");
    expect(unknown.body).toEqual({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "Additional properties are not allowed (foo was unexpected)" }],
    });
    expect((await failureOf(notify.getNotificationById("123"))).errors[0]!.message).toBe(
      "notification_id is not a valid UUID",
    );
  });
});
