import { randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createLetterDocument } from "@/lib/documents/letters";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { letterNotificationBody, letterPersonalisation, postNotification } from "@/lib/testing/notification-requests";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import * as route from "./route";

const database = setUpTestDatabase();
setUpNotifySimulator();
let demo: DemoCallers;
let documentId: string;
let pdf: Buffer;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  const created = await postNotification(
    demo.serviceHeaders,
    letterNotificationBody({ recipient: { userId: demo.people.grace!.id }, message: "Letter about the boiler visit" }),
  );
  expect(created.status).toBe(201);
  ({ documentId, pdf } = await createLetterDocument(database.handle.db, {
    notificationId: created.json.id,
    serviceKey: "housing",
    templateId: notifyTemplateIds.letter.visitDue,
    addressLines: ["Ms Rosa Diaz", "1 Mare Street", "E8 1DY"],
    personalisation: letterPersonalisation,
  }));
});

async function download(headers: Record<string, string>, uid: string) {
  const response = await route.GET(new Request(`http://test/api/v1/documents/${uid}`, { headers }), {
    params: Promise.resolve({ uid }),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("GET /api/v1/documents/{uid}", () => {
  it("gives the letter PDF to the client that created it, the person it is for, and admins (the outbox links it)", async () => {
    for (const headers of [demo.serviceHeaders, await demo.as("grace"), await demo.as("alex")]) {
      const { status, headers: responseHeaders, bytes } = await download(headers, documentId);
      expect(status).toBe(200);
      expect(responseHeaders.get("content-type")).toBe("application/pdf");
      expect(responseHeaders.get("content-disposition")).toMatch(/^inline; filename="letter-[0-9a-f-]+\.pdf"$/);
      expect(Buffer.compare(bytes, pdf)).toBe(0);
      expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    }
  });

  it("answers 404 to callers who may not see the notification, and for unknown or malformed ids", async () => {
    expect((await download(demo.otherServiceHeaders, documentId)).status).toBe(404);
    expect((await download(await demo.as("hana"), documentId)).status).toBe(404);
    expect((await download(demo.serviceHeaders, randomUUID())).status).toBe(404);
    expect((await download(demo.serviceHeaders, "not-a-uuid")).status).toBe(404);
  });

  it("answers 401 without an identity", async () => {
    expect((await download({}, documentId)).status).toBe(401);
  });
});
