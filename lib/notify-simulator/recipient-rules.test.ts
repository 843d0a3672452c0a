import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildSimulatorApiKey } from "./api-keys";
import { createNotifyClient } from "@/lib/notify/client";
import { emailPersonalisation, failureOf, smsPersonalisation, startTestSimulator, templates } from "./test-support";
import { notifyTemplateIds } from "./templates";

describe("key types and recipients", () => {
  it("lets team keys send only to the guest list", async () => {
    const teamSecret = randomUUID();
    const { simulator, serviceId } = await startTestSimulator({
      extraApiKeys: [{ secret: teamSecret, type: "team" }],
      service: { guestList: ["Team.Member@example.com", "07700 900456"] },
    });
    const team = createNotifyClient({
      apiKey: buildSimulatorApiKey({ serviceId, secret: teamSecret }),
      baseUrl: simulator.url,
    });
    await expect(
      team.sendEmail(templates.email, "team.member@example.com", { personalisation: emailPersonalisation }),
    ).resolves.toBeDefined();
    await expect(
      team.sendSms(templates.sms, "+447700900456", { personalisation: smsPersonalisation }),
    ).resolves.toBeDefined();
    const refused = await failureOf(
      team.sendEmail(templates.email, "someone@example.com", { personalisation: emailPersonalisation }),
    );
    expect(refused.errors).toEqual([
      { error: "BadRequestError", message: "Can’t send to this recipient using a team-only API key" },
    ]);
  });

  it("limits live keys on a trial service to the guest list", async () => {
    const { notify } = await startTestSimulator({ service: { trialMode: true } });
    const refused = await failureOf(
      notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation }),
    );
    expect(refused.errors[0]!.message).toBe(
      "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode",
    );
  });

  it("accepts smoke-test recipients with any key but keeps nothing", async () => {
    const { notify } = await startTestSimulator({ service: { trialMode: true } });
    const email = await notify.sendEmail(templates.email, "Simulate-Delivered-2@notifications.service.gov.uk", {
      personalisation: emailPersonalisation,
    });
    const sms = await notify.sendSms(templates.sms, "07700 900111", { personalisation: smsPersonalisation });
    for (const id of [email.id, sms.id]) {
      expect(await failureOf(notify.getNotificationById(id))).toMatchObject({
        status: 404,
        errors: [{ error: "NoResultFound", message: "No result found" }],
      });
    }
  });

  it("gives every catalogue template a working send", async () => {
    const { notify } = await startTestSimulator();
    for (const templateId of Object.values(notifyTemplateIds.email)) {
      await expect(
        notify.sendEmail(templateId, "sam@example.com", { personalisation: emailPersonalisation }),
      ).resolves.toBeDefined();
    }
    for (const templateId of Object.values(notifyTemplateIds.sms)) {
      await expect(
        notify.sendSms(templateId, "07700900123", { personalisation: smsPersonalisation }),
      ).resolves.toBeDefined();
    }
  });
});
