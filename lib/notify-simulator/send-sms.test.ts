import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { failureOf, smsPersonalisation, startTestSimulator, templates } from "./test-support";

describe("POST /v2/notifications/sms", () => {
  it("answers 201 with the GSM-sanitised body and the default sender", async () => {
    const { notify } = await startTestSimulator();
    const sent = await notify.sendSms(templates.sms, "07700 900123", {
      personalisation: { ...smsPersonalisation, title: "Façade “Rose”  Court", urgent: "yes" },
    });
    expect(sent.content).toEqual({
      from_number: "GOVUK",
      body: `Visit due: Facade "Rose" Court. Urgent. See visit details: https://housing.example.gov.uk/a/1`,
    });
    expect(sent.reference).toBeNull();
  });

  it.each([
    ["too few digits", "07700 90012", "ValidationError", "phone_number Not enough digits"],
    ["letters", "0770090012a", "ValidationError", "phone_number Must not contain letters or symbols"],
    ["too many digits", "07700 9001234567", "ValidationError", "phone_number Too many digits"],
    ["a landline", "020 7946 0000", "InvalidPhoneError", "Not a UK mobile number"],
    ["an international number", "+33 6 12 34 56 78", "BadRequestError", "Cannot send to international mobile numbers"],
  ])("refuses %s", async (_case, phoneNumber, error, message) => {
    const { notify } = await startTestSimulator();
    const failure = await failureOf(
      notify.sendSms(templates.sms, phoneNumber, { personalisation: smsPersonalisation }),
    );
    expect(failure).toMatchObject({ status: 400, errors: [{ error, message }] });
  });

  it("refuses messages over 918 characters", async () => {
    const { notify } = await startTestSimulator();
    const failure = await failureOf(
      notify.sendSms(templates.sms, "07700900123", {
        personalisation: { ...smsPersonalisation, title: "x".repeat(900) },
      }),
    );
    const length = `Visit due: ${"x".repeat(900)}. See visit details: https://housing.example.gov.uk/a/1`.length;
    expect(failure.errors[0]!.message).toBe(
      `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${length} characters long.`,
    );
  });

  it("uses the sender of a known sms_sender_id", async () => {
    const senderId = randomUUID();
    const { notify } = await startTestSimulator({ service: { smsSenderIds: { [senderId]: "HACKNEY" } } });
    const sent = await notify.sendSms(templates.sms, "07700900123", {
      personalisation: smsPersonalisation,
      smsSenderId: senderId,
    });
    expect(sent.content.from_number).toBe("HACKNEY");
  });
});
