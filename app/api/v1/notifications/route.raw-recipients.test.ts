import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as batch from "@/app/api/v1/notifications/batch/route";
import { demoIds } from "@/db/seed/demo-people";
import { resetSettings } from "@/lib/config/settings";
import { visitDueEmail, visitDueFields } from "@/lib/notifications/testing/bodies";
import { errorPaths, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";

// ALLOW_RAW_RECIPIENTS=false: a council that wants every message traceable to a person in its
// directory (seed 004) refuses email addresses, mobile numbers and postal addresses typed into a
// create request, single or batch, and says to address a person by id instead.

const { demo } = setUpNotificationsApi({ notify: true });
const { post } = notificationRoutes;

beforeAll(() => {
  process.env.ALLOW_RAW_RECIPIENTS = "false";
  resetSettings();
});
afterAll(() => {
  delete process.env.ALLOW_RAW_RECIPIENTS;
  resetSettings();
});

const byPersonId = /address a person by id/;

describe("POST /api/v1/notifications with ALLOW_RAW_RECIPIENTS=false", () => {
  const rawBodies: { name: string; body: object; paths: string[] }[] = [
    { name: "an email address", body: visitDueEmail, paths: ["email"] },
    {
      name: "a mobile number",
      body: {
        notificationType: "Text",
        serviceKey: "housing",
        templateId: notifyTemplateIds.sms.visitDue,
        mobileNumber: "07700900123",
        personalisationParams: visitDueFields,
      },
      paths: ["mobileNumber"],
    },
    {
      name: "a postal address",
      body: {
        notificationType: "Letter",
        serviceKey: "housing",
        templateId: notifyTemplateIds.letter.visitDue,
        addressLine1: "Flat 1",
        addressLine2: "1 Mare Street",
        addressLine3: "E8 1DY",
        personalisationParams: visitDueFields,
      },
      paths: ["addressLine1", "addressLine2", "addressLine3"],
    },
    {
      name: "an email address beside a person id",
      body: { ...visitDueEmail, recipient: { personId: demoIds.rosaPerson } },
      paths: ["email"],
    },
  ];
  for (const { name, body, paths } of rawBodies) {
    it(`refuses ${name}, saying to address a person by id`, async () => {
      const { status, json } = await post(demo.serviceHeaders, body);
      expect(status).toBe(400);
      expect(errorPaths(json)).toEqual(paths);
      expect(json.errors[0].message).toMatch(byPersonId);
    });
  }

  it("still takes a message addressed by person id", async () => {
    const { email: _raw, ...withoutEmail } = visitDueEmail;
    const { status, json } = await post(demo.serviceHeaders, {
      ...withoutEmail,
      recipient: { personId: demoIds.rosaPerson },
    });
    expect(status, JSON.stringify(json)).toBe(201);
  });

  it("refuses a CSV batch's email addresses row by row", async () => {
    const csv = [
      "email address,title,recipient_name,urgent,summary,action_url",
      "a@example.com,Gas check,Rosa,no,We will check the boiler,https://example.com/visit",
    ].join("\n");
    const { status, json } = await callRoute(batch.POST, "POST", "/api/v1/notifications/batch", {
      headers: { ...demo.serviceHeaders, "content-type": "text/csv" },
      query: { notificationType: "Email", serviceKey: "housing", templateId: notifyTemplateIds.email.visitDue! },
      body: csv,
    });
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(["line 2: email"]);
    expect(json.errors[0].message).toMatch(byPersonId);
  });
});
