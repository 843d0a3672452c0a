import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deliveries, users } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { getDocument } from "@/lib/documents/get-document";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { smsPersonalisation } from "@/lib/notify-simulator/test-support";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { letterPersonalisation, postNotification } from "@/lib/testing/notification-requests";
import { extractPdfText } from "@/lib/testing/pdf-text";
import { sendDelivery } from "./send-delivery";
import { findDeliveryOf, roomySendLimiter, setUpDeliveryTest } from "./test-support";

// A notification addressed to a person by id is sent to the details the directory holds when it is
// sent, not when it was created: a resident who changed their number in between gets the text on
// the new one. No workers: each test sends the delivery itself, after changing the directory.

const context = setUpDeliveryTest({ workers: false });
const limiter = () => roomySendLimiter(context.handle.db);
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

async function createThenSend(body: Record<string, unknown>, changeDirectory: () => Promise<unknown>) {
  const { status, json } = await postNotification(demo.serviceHeaders, body);
  expect(status, JSON.stringify(json)).toBe(201);
  const delivery = (await findDeliveryOf(context.handle.db, json.id))!;
  await changeDirectory();
  const outcome = await sendDelivery(context.handle.db, delivery.id, { limiter: limiter() });
  const [sent] = await context.handle.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
  return { outcome, sent: sent! };
}

const updatePerson = (userId: string, values: Partial<typeof users.$inferInsert>) =>
  context.handle.db.update(users).set(values).where(eq(users.id, userId));

describe("sending to a person addressed by id", () => {
  it("texts the mobile number the directory holds at send time", async () => {
    const rosa = demo.people.rosa!;
    const { outcome, sent } = await createThenSend(
      {
        notificationType: "Text",
        serviceKey: "housing",
        templateId: notifyTemplateIds.sms.visitDue,
        personalisationParams: smsPersonalisation,
        recipient: { personId: demoIds.rosaPerson },
      },
      () => updatePerson(rosa.id, { mobileNumber: "07700900777" }),
    );
    expect(outcome).toBe("sent");
    expect(sent.userId).toBe(rosa.id);
    expect(context.simulator.store.find(sent.notifyId!)!.to).toBe("07700900777");
  });

  it("posts a letter to the postal address the directory holds at send time", async () => {
    const tom = demo.people.tom!;
    const { outcome, sent } = await createThenSend(
      {
        notificationType: "Letter",
        serviceKey: "housing",
        templateId: notifyTemplateIds.letter.visitDue,
        personalisationParams: letterPersonalisation,
        recipient: { userId: tom.id },
      },
      () =>
        updatePerson(tom.id, { addressLines: ["Flat 9, Birch House", "20 Mare Street", "London"], postcode: "E8 3RH" }),
    );
    expect(outcome, sent.error ?? "").toBe("sent");
    const document = await getDocument(context.handle.db, sent.documentId!);
    expect((await extractPdfText(document!.content)).flat().join("\n")).toContain("Flat 9, Birch House");
  });

  it("rejects the delivery, saying why, when the person has lost the detail or been disabled since", async () => {
    const hana = demo.people.hana!;
    await updatePerson(hana.id, { mobileNumber: "07700900888" });
    const { outcome, sent } = await createThenSend(
      {
        notificationType: "Text",
        serviceKey: "housing",
        templateId: notifyTemplateIds.sms.visitDue,
        personalisationParams: smsPersonalisation,
        recipient: { userId: hana.id },
      },
      () => updatePerson(hana.id, { mobileNumber: null }),
    );
    expect(outcome).toBe("rejected");
    expect(sent.error).toBe("No mobile number to send to");
  });
});
