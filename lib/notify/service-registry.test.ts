import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "@/lib/config/settings";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { closeNotifyRegistry, getNotifyMode, notifyClientFor } from "./service-registry";

const fixture = path.join(import.meta.dirname, "..", "notify-simulator", "fixtures", "service-templates.json");

afterEach(async () => {
  await closeNotifyRegistry();
  delete process.env.NOTIFY_SIMULATOR_TEMPLATES;
  resetSettings();
});

describe("the app's own simulator", () => {
  it("serves the templates, reply-to and sender ids of NOTIFY_SIMULATOR_TEMPLATES beside its catalogue", async () => {
    process.env.NOTIFY_SIMULATOR_TEMPLATES = fixture;
    resetSettings();
    expect((await getNotifyMode()).kind).toBe("simulator");
    const notify = await notifyClientFor("housing");
    expect(await notify.getTemplateById("3c5a0f4e-8a8c-4a51-9d3e-1f0b6c2d7e11")).toMatchObject({
      name: "Repair appointment booked",
      version: 4,
    });
    expect(await notify.getTemplateById(notifyTemplateIds.email.visitDue!)).toMatchObject({ type: "email" });
    const sent = await notify.sendSms("8f2d4b61-0c1e-4f7a-b3c9-5e6a7d8c9b02", "07700900123", {
      personalisation: { reference: "R-1", appointment_date: "4 March" },
      smsSenderId: "5a9c2e1f-3d4b-4e6a-8c7f-1b2d3e4f5a6b",
    });
    expect(sent.content.from_number).toBe("HackneyRep");
  });

  it("serves the catalogue alone without it", async () => {
    resetSettings();
    const notify = await notifyClientFor("housing");
    await expect(notify.getTemplateById("3c5a0f4e-8a8c-4a51-9d3e-1f0b6c2d7e11")).rejects.toMatchObject({ status: 404 });
  });
});
