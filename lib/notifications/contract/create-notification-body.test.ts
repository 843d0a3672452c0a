import { describe, expect, it } from "vitest";
import { createNotificationBodySchema } from "./create-notification-body";

const templateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";
const parse = (body: Record<string, unknown>) => createNotificationBodySchema.safeParse(body);

describe("createNotificationBodySchema", () => {
  it("returns each channel's contact as Notify will use it, and the channels it goes out on", () => {
    const result = parse({
      notificationType: "Email",
      serviceKey: "housing",
      templateId,
      email: "  resident@example.com ",
      requireSmsNotification: "true",
      mobileNumber: "07700 900123",
      requireLetter: true,
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "e81dy",
    });
    expect(result.data).toMatchObject({
      email: "resident@example.com",
      mobileNumber: "447700900123",
      address: ["Flat 1", "1 Mare Street", "E8 1DY"],
      channels: ["email", "sms", "letter"],
      requireAction: false,
    });
  });

  it.each([
    ["a valid email address, normalised", { email: " a@example.com" }, { email: "a@example.com" }],
    ["an invalid email address, dropped", { email: "nope@" }, { email: undefined }],
    ["a valid mobile number, normalised", { mobileNumber: "07700 900123" }, { mobileNumber: "447700900123" }],
    ["an invalid mobile number, as given", { mobileNumber: "020 7946 0000" }, { mobileNumber: "020 7946 0000" }],
    ["address lines, not made a letter address", { addressLine1: "1 Mare St" }, { address: undefined }],
  ])("keeps a contact for a channel it is not sent on: %s", (_case, contact, expected) => {
    const result = parse({ notificationType: "Screen", message: "Hello", recipient: { team: "finance" }, ...contact });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ ...expected, channels: [] });
  });

  it("takes requireAction from the category unless the body says otherwise", () => {
    const defaulted = parse({ notificationType: "Screen", category: "estimateApproval", message: "E-1" });
    const explicit = parse({
      notificationType: "Screen",
      category: "estimateApproval",
      message: "E-1",
      requireAction: "false",
    });
    expect([defaulted.data?.requireAction, explicit.data?.requireAction]).toEqual([true, false]);
  });

  it("reports every failing channel rule at once, each contact checked once", () => {
    const result = parse({
      notificationType: "Text",
      requireEmailNotification: true,
      requireLetter: true,
      email: "nope@",
      mobileNumber: "020 7946 0000",
      addressLine1: "1 Mare St",
      attachment: undefined,
    });
    expect(result.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual(
      ["addressLine1", "email", "mobileNumber", "serviceKey", "templateId", "templateId", "templateId"].sort(),
    );
  });
});
