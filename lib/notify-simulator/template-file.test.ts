import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplateFile, readTemplateFile, TemplateFileError, withLoadedTemplates } from "./template-file";
import { rawFailureOf, startTestSimulator, templates as catalogueIds } from "./test-support";
import { catalogueTemplates } from "./templates";

// The fixture is a real service's export: `GET /v2/templates` saved as it comes (Notify's
// microsecond times, \r\n from the admin's text boxes, personalisation listed), plus the file's
// own reply-to and sender ids.
const fixturePath = path.join(import.meta.dirname, "fixtures", "service-templates.json");
const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as {
  templates: ({ id: string } & Record<string, unknown>)[];
  email_reply_to_ids: string[];
  sms_sender_ids: Record<string, string>;
};
const [emailExport, smsExport, letterExport] = fixture.templates as [
  (typeof fixture.templates)[number],
  (typeof fixture.templates)[number],
  (typeof fixture.templates)[number],
];
const replyToId = fixture.email_reply_to_ids[0]!;
const senderId = Object.keys(fixture.sms_sender_ids)[0]!;

/** A simulator serving the fixture's templates and ids, as the app's registry starts it. */
async function simulatorWithFixture() {
  const file = readTemplateFile(fixturePath);
  return startTestSimulator({
    templates: withLoadedTemplates(catalogueTemplates, file.templates),
    service: { emailReplyToIds: file.emailReplyToIds, smsSenderIds: file.smsSenderIds },
  });
}

describe("a service's own templates, through notifications-node-client", () => {
  it("serves each exported template back exactly as Notify exported it", async () => {
    const { raw } = await simulatorWithFixture();
    for (const exported of fixture.templates) {
      expect((await raw.getTemplateById(exported.id)).data).toEqual(exported);
      expect((await raw.getTemplateByIdAndVersion(exported.id, exported.version as number)).data).toEqual(exported);
    }
    const listed = (await raw.getAllTemplates()).data.templates;
    expect(listed).toEqual(expect.arrayContaining(fixture.templates));
    // Added to the catalogue, which the product's own defaults still need.
    expect(listed.map((template) => template.id)).toContain(catalogueIds.email);
    expect((await raw.getAllTemplates("letter")).data.templates).toContainEqual(letterExport);
  });

  it("sends an email with a loaded template and a reply-to id from the file", async () => {
    const { raw } = await simulatorWithFixture();
    const sent = await raw.sendEmail(emailExport.id, "tenant@example.com", {
      personalisation: {
        name: "Sam Patel",
        reference: "R-1042",
        appointment_date: "4 March",
        access_notes: "no",
      },
      reference: "repair-1042",
      emailReplyToId: replyToId,
    });
    expect(sent.status).toBe(201);
    expect(sent.data).toMatchObject({
      reference: "repair-1042",
      template: { id: emailExport.id, version: 4 },
      content: {
        subject: "Repair R-1042 booked",
        body: "Dear Sam Patel,\r\n\r\nYour repair R-1042 is booked for 4 March.\r\n\r\n\r\n\r\nRepairs contact centre",
      },
    });
  });

  it("checks personalisation against the loaded template, as Notify does", async () => {
    const { raw } = await simulatorWithFixture();
    const failure = await rawFailureOf(
      raw.sendEmail(emailExport.id, "tenant@example.com", { personalisation: { name: "Sam" } }),
    );
    expect(failure).toEqual({
      status_code: 400,
      errors: [
        { error: "BadRequestError", message: "Missing personalisation: reference, appointment_date, access_notes" },
      ],
    });
  });

  it("sends a text from the file's sender id, with the sender text as from_number", async () => {
    const { raw } = await simulatorWithFixture();
    const sent = await raw.sendSms(smsExport.id, "07700 900123", {
      personalisation: { reference: "R-1042", appointment_date: "4 March" },
      smsSenderId: senderId,
    });
    expect(sent.data.content).toEqual({
      from_number: "HackneyRep",
      body: "Hackney repairs: R-1042 is booked for 4 March. Reply to this number to change it.",
    });
  });

  it("refuses a reply-to id the file does not list with Notify's exact error", async () => {
    const { raw, serviceId } = await simulatorWithFixture();
    const unknown = randomUUID();
    const failure = await rawFailureOf(
      raw.sendEmail(emailExport.id, "tenant@example.com", {
        personalisation: { name: "Sam", reference: "R-1", appointment_date: "4 March", access_notes: "no" },
        emailReplyToId: unknown,
      }),
    );
    expect(failure).toEqual({
      status_code: 400,
      errors: [
        {
          error: "BadRequestError",
          message: `email_reply_to_id ${unknown} does not exist in database for service id ${serviceId}`,
        },
      ],
    });
    // A text sender id is not a reply-to id: the two lists are kept apart, as in Notify.
    const crossed = await rawFailureOf(
      raw.sendEmail(emailExport.id, "tenant@example.com", {
        personalisation: { name: "Sam", reference: "R-1", appointment_date: "4 March", access_notes: "no" },
        emailReplyToId: senderId,
      }),
    );
    expect(crossed).toMatchObject({ errors: [{ message: expect.stringContaining(`email_reply_to_id ${senderId}`) }] });
  });

  it("lets a loaded template take a catalogue template's place by id", async () => {
    const file = parseTemplateFile(
      JSON.stringify({ templates: [{ ...smsExport, id: catalogueIds.sms, body: "Own wording: ((reference))" }] }),
      "override.json",
    );
    const merged = withLoadedTemplates(catalogueTemplates, file.templates);
    expect(merged).toHaveLength(catalogueTemplates.length);
    const { raw } = await startTestSimulator({ templates: merged });
    expect((await raw.getTemplateById(catalogueIds.sms)).data).toMatchObject({
      body: "Own wording: ((reference))",
      personalisation: { reference: { required: true } },
    });
  });
});

describe("parseTemplateFile", () => {
  const valid = () => structuredClone(fixture) as unknown as Record<string, unknown> & { templates: object[] };
  const problemWith = (change: (file: ReturnType<typeof valid>) => unknown): string => {
    const file = valid();
    change(file);
    try {
      parseTemplateFile(JSON.stringify(file), "council-templates.json");
    } catch (error) {
      if (error instanceof TemplateFileError) return error.message;
      throw error;
    }
    throw new Error("expected the file to be refused");
  };
  const template = (file: ReturnType<typeof valid>, index: number) => file.templates[index] as Record<string, unknown>;

  it("reads Notify's export, its reply-to ids and sender ids", () => {
    const file = parseTemplateFile(readFileSync(fixturePath, "utf8"), fixturePath);
    expect(file.templates.map(({ name, type, version }) => [name, type, version])).toEqual([
      ["Repair appointment booked", "email", 4],
      ["Repair appointment booked (text)", "sms", 1],
      ["Rent arrears reminder", "letter", 2],
    ]);
    expect(file.emailReplyToIds).toEqual([replyToId]);
    expect(file.smsSenderIds).toEqual({ [senderId]: "HackneyRep" });
  });

  it("reads a bare GET /v2/templates answer, and keeps fields Notify may add later out of the way", () => {
    const file = parseTemplateFile(
      JSON.stringify({ templates: [{ ...letterExport, letter_welsh_subject: null }] }),
      "export.json",
    );
    expect(file).toMatchObject({ emailReplyToIds: [], smsSenderIds: {}, templates: [{ postage: "second" }] });
  });

  it.each([
    ["text that is not JSON", () => "{", /^bad\.json: is not JSON \(/],
    ["no templates key", () => "{}", /^bad\.json: templates: /],
    [
      "no templates key, saying what the file is",
      () => "{}",
      /^bad\.json: templates: is missing: the file is Notify's GET \/v2\/templates answer, \{ "templates": \[\.\.\.\] \}$/,
    ],
    [
      "the templates list saved alone",
      () => JSON.stringify([letterExport]),
      /^bad\.json: is a list alone; the file is Notify's GET \/v2\/templates answer, \{ "templates": \[\.\.\.\] \}, with the list inside it$/,
    ],
  ])("names the file for %s", (_case, text, message) => {
    expect(() => parseTemplateFile(text(), "bad.json")).toThrow(message);
  });

  it.each<[string, (file: ReturnType<typeof valid>) => unknown, string]>([
    [
      "a template id that is no uuid",
      (file) => (template(file, 1).id = "repairs-sms"),
      'templates[1].id (template "Repair appointment booked (text)"): must be a uuid, not "repairs-sms"',
    ],
    [
      "an unknown type",
      (file) => (template(file, 0).type = "broadcast"),
      'templates[0].type (template "Repair appointment booked"): Invalid option: expected one of "email"|"sms"|"letter"',
    ],
    [
      "an email without a subject",
      (file) => (template(file, 0).subject = null),
      'templates[0].subject (template "Repair appointment booked"): an email template needs a subject',
    ],
    [
      "a letter without postage",
      (file) => delete template(file, 2).postage,
      'templates[2].postage (template "Rent arrears reminder"): a letter template needs its postage (first, second or economy)',
    ],
    [
      "a time not in Notify's format",
      (file) => (template(file, 1).created_at = "3 Nov 2025"),
      'templates[1].created_at (template "Repair appointment booked (text)"): must be an ISO 8601 UTC time, as Notify writes it',
    ],
    [
      "the same template version twice",
      (file) => file.templates.push(template(file, 0)),
      'templates[3].id (template "Repair appointment booked"): 3c5a0f4e-8a8c-4a51-9d3e-1f0b6c2d7e11 version 4 is already templates[0]',
    ],
    [
      "a reply-to id that is no uuid",
      (file) => (file.email_reply_to_ids = ["repairs@hackney.gov.uk"]),
      'email_reply_to_ids[0]: must be a uuid, not "repairs@hackney.gov.uk"',
    ],
    [
      "a sender id that is no uuid",
      (file) => (file.sms_sender_ids = { GOVUK: "GOVUK" }),
      "sms_sender_ids.GOVUK: keys must be uuids",
    ],
    [
      "a misspelt key",
      (file) => (file.sms_senders = {}),
      'unknown key "sms_senders" (the file has templates, email_reply_to_ids, sms_sender_ids)',
    ],
  ])("refuses %s, naming the file and the field", (_case, change, reason) => {
    expect(problemWith(change)).toBe(`council-templates.json: ${reason}`);
  });

  it("names a file that cannot be read", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "simulator-templates-"));
    expect(() => readTemplateFile(path.join(directory, "missing.json"))).toThrow(/missing\.json: no such file$/);
    const file = path.join(directory, "templates.json");
    writeFileSync(file, JSON.stringify({ templates: [] }));
    expect(readTemplateFile(file)).toMatchObject({ path: file, templates: [] });
  });
});
