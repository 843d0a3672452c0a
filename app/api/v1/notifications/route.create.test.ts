import { describe, expect, it } from "vitest";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { screenToFinance, visitDueFields } from "@/lib/notifications/testing/bodies";
import { idsOf, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// POST /api/v1/notifications: what a create stores, who sees it, and the caps on recipients.
// Refusals of the body itself are in route.create-validation.test.ts.

const { demo } = setUpNotificationsApi({ notify: true });

const { post, get, list } = notificationRoutes;

describe("POST /api/v1/notifications", () => {
  it("stores a screen notification for a team and answers 201 with the seed's fields", async () => {
    const { status, json } = await post(demo.serviceHeaders, screenToFinance);
    expect(status).toBe(201);
    expect(json).toMatchObject({
      notificationType: "Screen",
      message: screenToFinance.message,
      targetType: "tenure",
      targetId: screenToFinance.targetId,
      recipient: { team: "finance" },
      requireAction: false,
      isReadStatus: false,
      isRemovable: true,
      performedActionType: null,
      performedActionDoneBy: null,
      deliveries: [],
    });
    expect(Date.parse(json.createdDate)).not.toBeNaN();
  });

  it("shows a team item to every member and to no one else", async () => {
    const { json: created } = await post(demo.serviceHeaders, { ...screenToFinance, message: "Team visibility check" });
    for (const member of ["fiona", "farid", "grace"]) {
      expect((await get(await demo.as(member), created.id)).status).toBe(200);
    }
    for (const outsider of ["rob", "hana", "rosa"]) {
      expect((await get(await demo.as(outsider), created.id)).status).toBe(404);
      const { json } = await list(await demo.as(outsider));
      expect(idsOf(json)).not.toContain(created.id);
    }
  });

  it("stores one pending delivery per channel with the contact details Notify will use", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      notificationType: "Email",
      serviceKey: "housing",
      emailTemplateId: notifyTemplateIds.email.visitDue,
      smsTemplateId: notifyTemplateIds.sms.visitDue,
      letterTemplateId: notifyTemplateIds.letter.visitDue,
      email: "  resident@example.com ",
      requireSmsNotification: true,
      mobileNumber: "07700 900123",
      requireLetter: "true",
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "e81dy",
      personalisationParams: visitDueFields,
    });
    expect(status).toBe(201);
    expect(json.email).toBe("resident@example.com");
    expect(json.mobileNumber).toBe("447700900123");
    expect(
      json.deliveries.map((delivery: { channel: string; status: string }) => [delivery.channel, delivery.status]),
    ).toEqual([
      ["email", "pending"],
      ["sms", "pending"],
      ["letter", "pending"],
    ]);
  });

  it("schedules the deliveries of a notification with a future sendAt", async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const { json } = await post(demo.serviceHeaders, {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue,
      mobileNumber: "07700900123",
      personalisationParams: visitDueFields,
      sendAt,
    });
    expect(json.sendAt).toBe(sendAt);
    expect(json.deliveries[0].status).toBe("scheduled");
  });

  it("fills a category's audience, action and follow-on link; explicit fields win", async () => {
    const { json: defaulted } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "estimateApproval",
      message: "Estimate E-1042 for 1 Mare Street is ready",
      targetType: "asset",
      targetId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c01",
    });
    expect(defaulted).toMatchObject({
      category: "estimateApproval",
      recipient: { team: "finance" },
      requireAction: true,
      actionRequired: true,
      isRemovable: false,
      actionUrl: "/activity/asset/6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c01",
      actionLabel: "Approve estimate",
    });
    const { json: explicit } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "estimateApproval",
      message: "FYI only",
      recipient: { userId: demo.people.grace!.id },
      requireAction: false,
      actionUrl: "https://finance.council.example/estimates/E-1042",
    });
    expect(explicit).toMatchObject({
      recipient: { userId: demo.people.grace!.id },
      requireAction: false,
      actionUrl: "https://finance.council.example/estimates/E-1042",
    });
  });

  it.each([
    ["an unknown team", { team: "payroll" }, "recipient.team"],
    ["an unknown person", { userId: "00000000-0000-4000-8000-000000000000" }, "recipient.userId"],
  ])("rejects %s as a recipient and stores nothing", async (_case, recipient, path) => {
    const { status, json } = await post(demo.serviceHeaders, { ...screenToFinance, recipient });
    expect(status).toBe(400);
    expect(json.errors).toEqual([expect.objectContaining({ path })]);
  });

  it("caps how many notifications one caller sends one recipient in an hour, naming the field", async () => {
    const body = { notificationType: "Screen", message: "Again", recipient: { userId: demo.people.rob!.id } };
    for (let sent = 0; sent < recipientLimiter.limit; sent++) {
      expect((await post(demo.otherServiceHeaders, body)).status).toBe(201);
    }
    const { status, json, headers } = await post(demo.otherServiceHeaders, body);
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toMatch(/^\d+$/);
    expect(json.errors).toEqual([expect.objectContaining({ path: "recipient" })]);
    expect((await post(demo.serviceHeaders, body)).status).toBe(201);
  });
});
