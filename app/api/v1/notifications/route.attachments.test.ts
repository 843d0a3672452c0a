import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { errorPaths, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// POST /api/v1/notifications with a file for Notify's send-a-file links.

const { database, demo } = setUpNotificationsApi({ notify: true });

const { post } = notificationRoutes;

const countAll = async () => {
  const [row] = await database.handle.db
    .execute(
      sql`select (select count(*)::int from notifications) as notifications,
    (select count(*)::int from documents) as documents, (select count(*)::int from deliveries) as deliveries`,
    )
    .then((result) => rowsOf<Record<string, number>>(result));
  return row;
};

describe("POST /api/v1/notifications with an attachment", () => {
  const emailBody = {
    notificationType: "Email",
    serviceKey: "housing",
    templateId: notifyTemplateIds.email.visitDue,
    email: "rosa@example.com",
    personalisationParams: { recipient_name: "Rosa", title: "Your statement", summary: "Attached", urgent: "no" },
  };
  const attachment = (content: Buffer, extra: Record<string, unknown> = {}) => ({
    personalisationField: "action_url",
    filename: "statement.pdf",
    content: content.toString("base64"),
    ...extra,
  });

  it("accepts a file up to 2 MB, counting it as the template's link field", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...emailBody,
      attachment: attachment(Buffer.alloc(2 * 1024 * 1024, 1)),
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.deliveries[0].documentId).toEqual(expect.any(String));
  });

  it.each([
    ["a file over 2 MB", { attachment: attachment(Buffer.alloc(2 * 1024 * 1024 + 1, 1)) }, "attachment.content"],
    [
      "a text message with a file",
      {
        notificationType: "Text",
        templateId: notifyTemplateIds.sms.visitDue,
        mobileNumber: "07700 900123",
        attachment: attachment(Buffer.from("x")),
      },
      "attachment",
    ],
    [
      "a file name without an extension",
      { attachment: attachment(Buffer.from("x"), { filename: "statement" }) },
      "attachment.filename",
    ],
    [
      "content that is not base64",
      { attachment: { ...attachment(Buffer.from("x")), content: "not base64!" } },
      "attachment.content",
    ],
    [
      "a retention period past 78 weeks",
      { attachment: attachment(Buffer.from("x"), { retentionPeriod: "79 weeks" }) },
      "attachment.retentionPeriod",
    ],
  ])("refuses %s, storing nothing", async (_name, change, path) => {
    const before = await countAll();
    const { status, json } = await post(demo.serviceHeaders, { ...emailBody, ...change });
    expect(status).toBe(400);
    expect(errorPaths(json)).toContain(path);
    expect(await countAll()).toEqual(before);
  });
});
