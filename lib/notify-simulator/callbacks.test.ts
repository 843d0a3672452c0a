import { describe, expect, it } from "vitest";
import {
  emailPersonalisation,
  letterPersonalisation,
  manualClock,
  smsPersonalisation,
  startCallbackReceiver,
  startTestSimulator,
  templates,
  unusedPort,
} from "./test-support";

const fast = { createdToSendingMs: 20, sendingToFinalMs: 30 };

describe("delivery-status callbacks", () => {
  it("POSTs Notify's payload with the bearer token when an email is delivered", async () => {
    const receiver = await startCallbackReceiver();
    const { notify } = await startTestSimulator({
      timing: fast,
      callback: { url: receiver.url, bearerToken: "callback-secret-1234" },
    });
    const sent = await notify.sendEmail(templates.email, "Sam@Example.com ", {
      personalisation: emailPersonalisation,
      reference: "ref-1",
    });
    await receiver.waitFor(1);
    const [callback] = receiver.received;
    expect(callback!.headers.authorization).toBe("Bearer callback-secret-1234");
    expect(callback!.headers["content-type"]).toBe("application/json");
    const notification = await notify.getNotificationById(sent.id);
    expect(callback!.body).toEqual({
      id: sent.id,
      reference: "ref-1",
      to: "Sam@Example.com",
      status: "delivered",
      created_at: notification.created_at,
      completed_at: notification.completed_at,
      sent_at: notification.sent_at,
      notification_type: "email",
      template_id: templates.email,
      template_version: 1,
    });
  });

  it("reports the failure statuses of test recipients", async () => {
    const receiver = await startCallbackReceiver();
    const { notify } = await startTestSimulator({ timing: fast, callback: { url: receiver.url, bearerToken: "t" } });
    await notify.sendSms(templates.sms, "07700900003", { personalisation: smsPersonalisation });
    await notify.sendEmail(templates.email, "perm-fail@simulator.notify", { personalisation: emailPersonalisation });
    await receiver.waitFor(2);
    expect(receiver.received.map((callback) => [callback.body.notification_type, callback.body.status]).sort()).toEqual(
      [
        ["email", "permanent-failure"],
        ["sms", "temporary-failure"],
      ],
    );
  });

  it("retries on 5xx and 429 but not on other 4xx", async () => {
    const receiver = await startCallbackReceiver([500, 429, 200, 400]);
    const { notify, simulator } = await startTestSimulator({
      timing: fast,
      callback: { url: receiver.url, bearerToken: "t", retries: 3, retryDelayMs: 10 },
    });
    const first = await notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation });
    await receiver.waitFor(3);
    const second = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: emailPersonalisation,
    });
    await receiver.waitFor(4);
    await simulator.callbacksIdle();
    expect(
      simulator.callbackAttempts.map(({ notificationId, attempt, status }) => [notificationId, attempt, status]),
    ).toEqual([
      [first.id, 1, 500],
      [first.id, 2, 429],
      [first.id, 3, 200],
      [second.id, 1, 400],
    ]);
  });

  it("gives up after the retries when the callback URL is unreachable, and keeps serving", async () => {
    const { notify, simulator } = await startTestSimulator({
      timing: fast,
      callback: {
        url: `http://127.0.0.1:${await unusedPort()}/callbacks`,
        bearerToken: "t",
        retries: 2,
        retryDelayMs: 5,
      },
    });
    const sent = await notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation });
    await expect.poll(() => simulator.callbackAttempts.length, { timeout: 5000 }).toBe(3);
    await simulator.callbacksIdle();
    expect(simulator.callbackAttempts.every((attempt) => attempt.status === null && attempt.error !== null)).toBe(true);
    await expect(notify.getNotificationById(sent.id)).resolves.toMatchObject({ status: "delivered" });
  });

  it("sends nothing for letters or smoke-test recipients, and waits for the clock", async () => {
    const receiver = await startCallbackReceiver();
    const clock = manualClock();
    const { notify, simulator } = await startTestSimulator({
      clock,
      callback: { url: receiver.url, bearerToken: "t" },
    });
    await notify.sendLetter(templates.letter, { personalisation: letterPersonalisation });
    await notify.sendSms(templates.sms, "07700900000", { personalisation: smsPersonalisation });
    const sms = await notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation });
    simulator.dispatchDueCallbacks();
    await simulator.callbacksIdle();
    expect(receiver.received).toEqual([]);
    clock.advance(1300);
    simulator.dispatchDueCallbacks();
    await receiver.waitFor(1);
    await simulator.callbacksIdle();
    expect(receiver.received.map((callback) => callback.body.id)).toEqual([sms.id]);
  });

  it("still sends a callback when its timer fires before the clock says the message is final", async () => {
    const receiver = await startCallbackReceiver();
    const start = Date.now();
    // Runs at half speed, so every timer armed from it fires early, as on a busy event loop.
    const slowClock = { now: () => start + (Date.now() - start) / 2 };
    const { notify } = await startTestSimulator({
      clock: slowClock,
      timing: fast,
      callback: { url: receiver.url, bearerToken: "t" },
    });
    const sent = await notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation });
    await receiver.waitFor(1);
    expect(receiver.received.map((callback) => [callback.body.id, callback.body.status])).toEqual([
      [sent.id, "delivered"],
    ]);
  });

  it("can be configured at runtime", async () => {
    const receiver = await startCallbackReceiver();
    const { notify, simulator } = await startTestSimulator({ timing: fast });
    simulator.setCallback({ url: receiver.url, bearerToken: "later-token" });
    await notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation });
    await receiver.waitFor(1);
    expect(receiver.received[0]!.headers.authorization).toBe("Bearer later-token");
  });
});
