import { describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { screenToFinance, unknownTemplateId, visitDueEmail, visitDueFields } from "@/lib/notifications/testing/bodies";
import { errorPaths, notificationRoutes, rowCount } from "@/lib/notifications/testing/notification-routes";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import * as collection from "./route";

// POST /api/v1/notifications: bodies refused by the contract or by the template in Notify.

const { database, demo } = setUpNotificationsApi({ notify: true });

const { post } = notificationRoutes;

/** Posts `body` and expects a 400 problem naming exactly `paths`, with nothing stored. */
async function expectRefused(body: unknown, paths: string[]) {
  const before = await rowCount(database.handle.db, notifications);
  const { status, json, headers } = await post(demo.serviceHeaders, body);
  expect(status).toBe(400);
  expect(headers.get("content-type")).toBe("application/problem+json");
  expect(errorPaths(json).sort()).toEqual([...paths].sort());
  expect(await rowCount(database.handle.db, notifications)).toBe(before);
}

describe("POST /api/v1/notifications with a body it refuses", () => {
  it.each([
    ["no body fields", {}, ["notificationType"]],
    ["an unknown type", { notificationType: "Fax" }, ["notificationType"]],
    ["a screen item without message or recipient", { notificationType: "Screen" }, ["message", "recipient"]],
    ["targetType without targetId", { ...screenToFinance, targetId: undefined }, ["targetId"]],
    ["a recipient with two keys", { ...screenToFinance, recipient: { team: "finance", role: "admin" } }, ["recipient"]],
    ["an unknown role", { ...screenToFinance, recipient: { role: "wizard" } }, ["recipient"]],
    [
      "an email without address, service or template",
      { notificationType: "Email" },
      ["serviceKey", "templateId", "email"],
    ],
    [
      "a bad email address",
      { notificationType: "Email", serviceKey: "housing", templateId: unknownTemplateId, email: "nope@" },
      ["email"],
    ],
    [
      "an unknown service",
      { notificationType: "Email", serviceKey: "payroll", templateId: unknownTemplateId, email: "a@example.com" },
      ["serviceKey"],
    ],
    [
      "a template id that is not a uuid",
      { notificationType: "Email", serviceKey: "housing", templateId: "welcome", email: "a@example.com" },
      ["templateId"],
    ],
    [
      "a text without a number",
      { notificationType: "Text", serviceKey: "housing", templateId: unknownTemplateId },
      ["mobileNumber"],
    ],
    [
      "a landline",
      { notificationType: "Text", serviceKey: "housing", templateId: unknownTemplateId, mobileNumber: "020 7946 0000" },
      ["mobileNumber"],
    ],
    [
      "a letter with two lines",
      {
        notificationType: "Letter",
        serviceKey: "housing",
        templateId: unknownTemplateId,
        addressLine1: "1 Mare St",
        addressLine2: "E8 1DY",
      },
      ["addressLine1"],
    ],
    [
      "a letter without a postcode last",
      {
        notificationType: "Letter",
        serviceKey: "housing",
        templateId: unknownTemplateId,
        addressLine1: "1 Mare St",
        addressLine2: "Hackney",
        addressLine3: "London",
      },
      ["addressLine3"],
    ],
    [
      "personalisation that is not an object",
      { ...screenToFinance, personalisationParams: ["a"] },
      ["personalisationParams"],
    ],
    ["a javascript: follow-on link", { ...screenToFinance, actionUrl: "javascript:alert(1)" }, ["actionUrl"]],
    // Browsers read `/\host` and `/<TAB>/host` as `//host`: another site, as a plain http:// link is unencrypted.
    ["a follow-on link with a backslash", { ...screenToFinance, actionUrl: "/\\evil.example/" }, ["actionUrl"]],
    ["a follow-on link with a tab", { ...screenToFinance, actionUrl: "/\t/evil.example/" }, ["actionUrl"]],
    ["a protocol-relative follow-on link", { ...screenToFinance, actionUrl: "//evil.example/" }, ["actionUrl"]],
    ["a follow-on link that normalises to //", { ...screenToFinance, actionUrl: "/.//evil.example/" }, ["actionUrl"]],
    ["an http:// follow-on link", { ...screenToFinance, actionUrl: "http://finance.council.example/" }, ["actionUrl"]],
    ["an https:// link with a newline", { ...screenToFinance, actionUrl: "https://a.example/\nx" }, ["actionUrl"]],
    ["an https:// link without a host", { ...screenToFinance, actionUrl: "https:///path" }, ["actionUrl"]],
    ["a sendAt in the past", { ...screenToFinance, sendAt: "2020-01-01T00:00:00Z" }, ["sendAt"]],
    ["a sendAt that is not a date", { ...screenToFinance, sendAt: "tomorrow" }, ["sendAt"]],
    ["an unknown category", { ...screenToFinance, category: "birthday" }, ["category"]],
    ["a flag that is not a boolean", { ...screenToFinance, requireAction: "yes" }, ["requireAction"]],
  ])("rejects %s with 400 naming every failing field", async (_case, body, paths) => {
    await expectRefused(body, paths);
  });

  it.each([
    ["a template the service does not have", { templateId: unknownTemplateId }, ["templateId"]],
    ["a letter template for an email", { templateId: notifyTemplateIds.letter.visitDue }, ["templateId"]],
    [
      "an SMS template given as the email's own template",
      { emailTemplateId: notifyTemplateIds.sms.visitDue },
      ["emailTemplateId"],
    ],
    [
      "personalisation missing two of the template's fields",
      { personalisationParams: { ...visitDueFields, title: undefined, action_url: undefined } },
      ["personalisationParams.title", "personalisationParams.action_url"],
    ],
    [
      "no personalisation at all",
      { personalisationParams: undefined },
      ["title", "recipient_name", "urgent", "summary", "action_url"].map((field) => `personalisationParams.${field}`),
    ],
  ])("checks the template with Notify: rejects %s with 400 and stores nothing", async (_case, change, paths) => {
    await expectRefused({ ...visitDueEmail, ...change }, paths);
  });

  it("matches personalisation to template fields ignoring case, spaces and underscores, as Notify does", async () => {
    const { status } = await post(demo.serviceHeaders, {
      notificationType: "Letter",
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.noAccess,
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "E8 1DY",
      personalisationParams: { "Recipient Name": "Rosa", PROPERTY: "Flat 1", "visit-date": "1 Dec", work: "fix it" },
    });
    expect(status).toBe(201);
  });

  it("answers malformed JSON, a wrong content type and a missing scope with the right 4xx", async () => {
    expect((await post(demo.serviceHeaders, "{not json")).status).toBe(400);
    const wrongType = await callRoute(collection.POST, "POST", "/api/v1/notifications", {
      headers: { ...demo.serviceHeaders, "content-type": "text/plain" },
      body: JSON.stringify(screenToFinance),
    });
    expect(wrongType.status).toBe(415);
    expect((await post(await demo.as("rosa"), screenToFinance)).status).toBe(403);
  });
});
