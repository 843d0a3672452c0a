import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings } from "./settings";
import { notifyKey, problemsWith, templates } from "./test-support";

describe("readSettings: GOV.UK Notify", () => {
  describe("with the real GOV.UK Notify (NOTIFY_API_KEY set)", () => {
    it("uses each service's key and the council's preference templates", () => {
      const settings = readSettings({
        NOTIFY_API_KEY: notifyKey("housing_live"),
        NOTIFY_SERVICES: "housing,repairs-dlo",
        NOTIFY_API_KEY_REPAIRS_DLO: notifyKey("repairs_live"),
        NOTIFY_BASE_URL: "https://notify.example.gov.uk",
        NOTIFY_CALLBACK_TOKEN: "callback-token",
        ...templates,
      });
      expect(settings.notify.connection).toEqual({
        kind: "real",
        apiKeys: [
          { service: "housing", apiKey: notifyKey("housing_live") },
          { service: "repairs-dlo", apiKey: notifyKey("repairs_live") },
        ],
        baseUrl: "https://notify.example.gov.uk",
        callbackToken: "callback-token",
        preferenceTemplates: {
          email: templates.NOTIFY_PREFERENCE_TEMPLATE_EMAIL,
          sms: templates.NOTIFY_PREFERENCE_TEMPLATE_SMS,
        },
        freeTextSmsTemplate: templates.NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID,
        digestEmailTemplate: templates.NOTIFY_DIGEST_TEMPLATE_EMAIL,
        subscriptionEmailTemplate: templates.NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL,
      });
    });

    it("requires the preference, free-text and digest templates rather than falling back to the simulator's", () => {
      expect(problemsWith({ NOTIFY_API_KEY: notifyKey("housing_live") })).toEqual([
        "NOTIFY_PREFERENCE_TEMPLATE_EMAIL: is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the template for preference copies",
        "NOTIFY_PREFERENCE_TEMPLATE_SMS: is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the template for preference copies",
        "NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID: is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the text message template with the single field ((message)), for POST /api/v1/sms",
        "NOTIFY_DIGEST_TEMPLATE_EMAIL: is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the email template for daily digests",
        "NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL: is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the email template with ((subject)) and ((body)), for subscriptions",
      ]);
    });

    it("requires a well-formed key for every further service, without repeating it", () => {
      expect(
        problemsWith({
          NOTIFY_API_KEY: notifyKey("housing_live"),
          NOTIFY_SERVICES: "housing,repairs,tenancy-team",
          NOTIFY_API_KEY_TENANCY_TEAM: "tenancy-hunter2",
          ...templates,
        }),
      ).toEqual([
        'NOTIFY_API_KEY_REPAIRS: is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the key of the service "repairs"',
        "NOTIFY_API_KEY_TENANCY_TEAM: must be a GOV.UK Notify API key: the key's name, the service id and the secret, joined by dashes",
      ]);
    });
  });

  describe("with the simulator (NOTIFY_API_KEY unset)", () => {
    it("leaves the preference templates to its catalogue unless they are set", () => {
      expect(readSettings({}).notify.connection.preferenceTemplates).toEqual({ email: undefined, sms: undefined });
      expect(readSettings(templates).notify.connection.preferenceTemplates).toEqual({
        email: templates.NOTIFY_PREFERENCE_TEMPLATE_EMAIL,
        sms: templates.NOTIFY_PREFERENCE_TEMPLATE_SMS,
      });
    });

    it("needs no key for further services", () => {
      expect(readSettings({ NOTIFY_SERVICES: "housing,repairs" }).notify.services).toEqual(["housing", "repairs"]);
    });

    it("reads the service's own templates from NOTIFY_SIMULATOR_TEMPLATES", () => {
      const file = path.join(import.meta.dirname, "..", "notify-simulator", "fixtures", "service-templates.json");
      const connection = readSettings({ NOTIFY_SIMULATOR_TEMPLATES: file }).notify.connection;
      expect(connection.kind === "simulator" && connection.templateFile).toMatchObject({
        path: file,
        templates: [{ name: "Repair appointment booked" }, { type: "sms" }, { type: "letter" }],
        emailReplyToIds: ["0e8f4c3a-6b2d-4d1e-9a7f-3c5b1e2d4f60"],
        smsSenderIds: { "5a9c2e1f-3d4b-4e6a-8c7f-1b2d3e4f5a6b": "HackneyRep" },
      });
      expect(readSettings({}).notify.connection).toMatchObject({ templateFile: undefined });
    });

    it("refuses to start with a bad template file, naming the file and the field", () => {
      const directory = mkdtempSync(path.join(tmpdir(), "simulator-templates-"));
      const file = path.join(directory, "templates.json");
      writeFileSync(file, JSON.stringify({ templates: [{ id: "not-a-uuid" }] }));
      expect(problemsWith({ NOTIFY_SIMULATOR_TEMPLATES: file })).toEqual([
        `NOTIFY_SIMULATOR_TEMPLATES: the file ${file}: templates[0].id: must be a uuid, not "not-a-uuid"`,
      ]);
      expect(problemsWith({ NOTIFY_SIMULATOR_TEMPLATES: path.join(directory, "absent.json") })).toEqual([
        `NOTIFY_SIMULATOR_TEMPLATES: the file ${path.join(directory, "absent.json")}: no such file`,
      ]);
    });
  });
});
