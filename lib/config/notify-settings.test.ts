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
  });
});
