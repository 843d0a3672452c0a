import { describe, expect, it } from "vitest";
import {
  emailPersonalisation,
  letterPersonalisation,
  manualClock,
  smsPersonalisation,
  startTestSimulator,
  templates,
} from "./test-support";

describe("status progression (worked out from the clock)", () => {
  it("moves an email from created to sending to delivered, setting sent_at and completed_at", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock });
    const { id } = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: emailPersonalisation,
    });

    const created = await notify.getNotificationById(id);
    expect(created).toMatchObject({
      status: "created",
      sent_at: null,
      completed_at: null,
      email_address: "sam@example.com",
      type: "email",
    });
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    clock.advance(200);
    const sending = await notify.getNotificationById(id);
    expect(sending).toMatchObject({ status: "sending", completed_at: null });
    expect(Date.parse(sending.sent_at!) - Date.parse(sending.created_at)).toBe(200);

    clock.advance(1000);
    const delivered = await notify.getNotificationById(id);
    expect(delivered.status).toBe("delivered");
    expect(Date.parse(delivered.completed_at!) - Date.parse(delivered.created_at)).toBe(1200);
    expect(delivered).toMatchObject({ is_cost_data_ready: true, cost_in_pounds: 0, cost_details: {} });
  });

  it("follows the configured step delays", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock, timing: { createdToSendingMs: 10, sendingToFinalMs: 20 } });
    const { id } = await notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation });
    clock.advance(29);
    expect((await notify.getNotificationById(id)).status).toBe("sending");
    clock.advance(1);
    expect((await notify.getNotificationById(id)).status).toBe("delivered");
  });

  it.each([
    ["email", "temp-fail@simulator.notify", "temporary-failure"],
    ["email", "perm-fail@simulator.notify", "permanent-failure"],
    ["email", "anyone@example.com", "delivered"],
    ["sms", "07700900003", "temporary-failure"],
    ["sms", "+44 7700 900002", "permanent-failure"],
    ["sms", "07700900123", "delivered"],
  ] as const)("ends a %s to %s in %s", async (type, recipient, finalStatus) => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock });
    const { id } =
      type === "email"
        ? await notify.sendEmail(templates.email, recipient, { personalisation: emailPersonalisation })
        : await notify.sendSms(templates.sms, recipient, { personalisation: smsPersonalisation });
    clock.advance(5000);
    const notification = await notify.getNotificationById(id);
    expect(notification.status).toBe(finalStatus);
    expect(notification.completed_at).not.toBeNull();
  });

  it("keeps an SMS's cost unknown until it is sending, then prices its fragments", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock });
    const { id } = await notify.sendSms(templates.sms, "07700 900123", {
      personalisation: { ...smsPersonalisation, title: "x".repeat(150) },
    });
    expect(await notify.getNotificationById(id)).toMatchObject({
      phone_number: "07700 900123",
      is_cost_data_ready: false,
      cost_in_pounds: null,
    });
    clock.advance(200);
    expect(await notify.getNotificationById(id)).toMatchObject({
      is_cost_data_ready: true,
      cost_in_pounds: 2 * 0.0227,
      cost_details: { billable_sms_fragments: 2, international_rate_multiplier: 1, sms_rate: 0.0227 },
    });
  });

  it("shows letters as accepted, then received", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock });
    const { id } = await notify.sendLetter(templates.letter, {
      personalisation: letterPersonalisation,
      reference: "letter-1",
    });
    const accepted = await notify.getNotificationById(id);
    expect(accepted).toMatchObject({
      status: "accepted",
      type: "letter",
      reference: "letter-1",
      line_1: "Sam Patel",
      line_2: "Flat 4, Rose Court",
      line_3: "London",
      postcode: "n1 9gu",
      postage: "second",
      subject: "We will visit Flat 4, Rose Court on 3 March",
    });
    expect(accepted.estimated_delivery).toMatch(/T16:00:00\.000000Z$/);
    clock.advance(1000);
    expect((await notify.getNotificationById(id)).status).toBe("received");
  });
});
