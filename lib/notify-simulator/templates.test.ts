import { describe, expect, it } from "vitest";
import { categories } from "@/lib/rules/categories";
import {
  emailPersonalisation,
  failureOf,
  rawFailureOf,
  smsPersonalisation,
  startTestSimulator,
  templates,
} from "./test-support";
import { catalogueTemplates, notifyTemplateIds } from "./templates";

describe("the template catalogue", () => {
  it("has one email and one SMS template per category, with stable v5 uuids", () => {
    for (const category of categories) {
      for (const channel of ["email", "sms"] as const) {
        const id = notifyTemplateIds[channel][category.key];
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(catalogueTemplates.find((template) => template.id === id)).toMatchObject({
          type: channel,
          name: expect.stringContaining(category.name),
        });
      }
    }
    // Fixed so the app may store them: changing the namespace or naming would break sent history.
    expect(notifyTemplateIds.email.visitDue).toBe("87641e87-f702-5de2-b478-077dc213f740");
    expect(new Set(catalogueTemplates.map((template) => template.id)).size).toBe(catalogueTemplates.length);
    expect(Object.keys(notifyTemplateIds.letter)).toEqual(["visitDue", "noAccess", "communalComponentOutOfService"]);
  });
});

describe("GET /v2/template/{id}", () => {
  it("returns Notify's template body with its personalisation fields", async () => {
    const { notify } = await startTestSimulator();
    const template = await notify.getTemplateById(templates.sms);
    expect(template).toEqual({
      id: templates.sms,
      type: "sms",
      name: "Visit due (text message)",
      version: 1,
      created_at: "2026-01-05T09:00:00.000000Z",
      updated_at: null,
      created_by: "notify-simulator@housing.example.gov.uk",
      body: "Visit due: ((title)). ((urgent??Urgent. ))See visit details: ((action_url))",
      subject: null,
      personalisation: { title: { required: true }, urgent: { required: true }, action_url: { required: true } },
      postage: null,
      letter_contact_block: null,
    });
    const letter = await notify.getTemplateById(templates.letter);
    expect(letter).toMatchObject({
      type: "letter",
      postage: "second",
      letter_contact_block: expect.stringContaining("Housing Services"),
    });
  });

  it("returns a version by number, and Notify's errors for unknown ones", async () => {
    const { notify, requestAsService } = await startTestSimulator();
    await expect(notify.getTemplateById(templates.email, 1)).resolves.toMatchObject({
      id: templates.email,
      version: 1,
    });
    expect(await failureOf(notify.getTemplateById(templates.email, 2))).toMatchObject({
      status: 404,
      errors: [{ error: "NoResultFound", message: "No result found" }],
    });
    expect(await failureOf(notify.getTemplateById("not-a-uuid"))).toMatchObject({
      status: 400,
      errors: [{ error: "ValidationError", message: "id is not a valid UUID" }],
    });
    const nonNumericVersion = await requestAsService(`/v2/template/${templates.email}/version/latest`);
    expect(nonNumericVersion).toMatchObject({ status: 404, body: { result: "error" } });
  });
});

describe("GET /v2/templates", () => {
  it("lists live templates by name, optionally of one type, without the hidden precompiled one", async () => {
    const { notify, raw } = await startTestSimulator();
    const all = await notify.getTemplates();
    // An email and a text per category, three letters, the free-text text, the daily digest email and
    // the subscriptions' email.
    expect(all).toHaveLength(categories.length * 2 + 6);
    expect(all.map((template) => template.name)).toEqual(
      [...all.map((template) => template.name)].sort((a, b) => a.localeCompare(b)),
    );
    expect(all.some((template) => template.name === "Pre-compiled PDF")).toBe(false);
    const letters = await notify.getTemplates("letter");
    expect(letters.map((template) => template.type)).toEqual(["letter", "letter", "letter"]);
    const invalid = await rawFailureOf(raw.getAllTemplates("coconut" as "sms"));
    expect(invalid).toEqual({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "type coconut is not one of [sms, email, letter]" }],
    });
  });
});

describe("POST /v2/template/{id}/preview", () => {
  it("fills in an email, with HTML, and ignores extra personalisation", async () => {
    const { notify } = await startTestSimulator();
    const preview = await notify.previewTemplate(templates.email, {
      ...emailPersonalisation,
      summary: "Bring <ID>",
      unused: "x",
    });
    expect(preview).toMatchObject({
      id: templates.email,
      type: "email",
      version: 1,
      subject: "Visit due: Flat 4, Rose Court",
      postage: null,
    });
    expect(preview.body).toContain("Bring <ID>");
    expect(preview.html).toContain(
      '<p style="Margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0B0C0C;">Bring &lt;ID&gt;</p>',
    );
  });

  it("previews an SMS as plain text and a letter with its postage", async () => {
    const { notify } = await startTestSimulator();
    const sms = await notify.previewTemplate(templates.sms, { ...smsPersonalisation, urgent: "show" });
    expect(sms).toMatchObject({
      body: "Visit due: Flat 4, Rose Court. Urgent. See visit details: https://housing.example.gov.uk/a/1",
      html: null,
      subject: null,
    });
    const letter = await notify.previewTemplate(notifyTemplateIds.letter.noAccess, {
      recipient_name: "Sam",
      property: "4 Rose Court",
      visit_date: "3 March",
      work: "fix the door",
    });
    expect(letter).toMatchObject({
      type: "letter",
      postage: "second",
      subject: "We could not get into 4 Rose Court",
      html: null,
    });
  });

  it("answers Notify's errors for missing personalisation and unknown templates", async () => {
    const { notify } = await startTestSimulator();
    expect(await failureOf(notify.previewTemplate(templates.sms))).toMatchObject({
      status: 400,
      errors: [{ error: "BadRequestError", message: "Missing personalisation: title, urgent, action_url" }],
    });
    expect(await failureOf(notify.previewTemplate("0d1d8b4e-8c4d-4a0d-9f4f-6d1f4b6c1e2a", {}))).toMatchObject({
      status: 404,
    });
  });
});
