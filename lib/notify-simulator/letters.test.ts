import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createNotifyClient } from "@/lib/notify/client";
import { buildSimulatorApiKey } from "./api-keys";
import { estimatedDelivery } from "./serialise-notification";
import {
  emailPersonalisation,
  failureOf,
  rawFailureOf,
  letterPersonalisation,
  manualClock,
  startTestSimulator,
  templates,
} from "./test-support";
import { toMicroseconds } from "./time";

const address = { address_line_1: "Sam Patel", address_line_2: "4 Rose Court", address_line_3: "London" };
const letterFields = {
  recipient_name: "Sam",
  property: "4 Rose Court",
  visit_date: "3 March",
  work: "check the boiler",
  summary: "About an hour.",
};
const pdf = Buffer.from("%PDF-1.4\n% a tiny test letter\n%%EOF\n");

describe("POST /v2/notifications/letter (templated)", () => {
  it("answers 201 with the filled-in subject and body", async () => {
    const { notify, simulator, serviceId } = await startTestSimulator();
    const sent = await notify.sendLetter(templates.letter, {
      personalisation: letterPersonalisation,
      reference: "visit-letter",
    });
    expect(sent).toEqual({
      id: expect.any(String),
      reference: "visit-letter",
      uri: `${simulator.url}/v2/notifications/${sent.id}`,
      template: {
        id: templates.letter,
        version: 1,
        uri: `${simulator.url}/services/${serviceId}/templates/${templates.letter}`,
      },
      scheduled_for: null,
      content: {
        subject: "We will visit Flat 4, Rose Court on 3 March",
        body: "Dear Sam Patel,\n\nWe will visit Flat 4, Rose Court on 3 March to service the boiler.\n\nIt takes about an hour.\n\nIf this date does not suit you, call us on 020 7946 0000.",
      },
    });
  });

  it.each([
    ["two lines", { address_line_1: "Sam Patel", postcode: "N1 9GU" }, "Address must be at least 3 lines"],
    ["a made-up postcode", { ...address, postcode: "XX1 1XX" }, "Must be a real UK postcode"],
    ["a foreign country instead of a postcode", { ...address, postcode: "France" }, "Must be a real UK postcode"],
    [
      "no alphanumerics in line 2",
      { ...address, address_line_2: "--", postcode: "N1 9GU" },
      "The first 2 lines of the address must both include at least one alphanumeric character",
    ],
    [
      "a line starting with @",
      { ...address, address_line_3: "@home", postcode: "N1 9GU" },
      "Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < >",
    ],
    ["no fixed abode", { ...address, address_line_3: "No fixed abode", postcode: "N1 9GU" }, "Must be a real address"],
    [
      "keys with spaces instead of underscores",
      { "address line 1": "Sam", "address line 2": "4 Rose Court", postcode: "N1 9GU" },
      "Address must be at least 3 lines",
    ],
  ])("refuses an address with %s", async (_case, addressFields, message) => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(
      notify.sendLetter(templates.letter, { personalisation: { ...letterFields, ...addressFields } }),
    );
    expect(error).toMatchObject({ status: 400, errors: [{ error: "ValidationError", message }] });
  });

  it("accepts a 7-line address and a trailing UK country name", async () => {
    const { notify } = await startTestSimulator();
    const sevenLines = {
      ...address,
      address_line_4: "Islington",
      address_line_5: "Greater London",
      address_line_6: "England",
      address_line_7: "N1 9GU",
    };
    await expect(
      notify.sendLetter(templates.letter, { personalisation: { ...letterFields, ...sevenLines } }),
    ).resolves.toBeDefined();
    const withCountry = { ...address, address_line_4: "N1 9GU", postcode: "United Kingdom" };
    await expect(
      notify.sendLetter(templates.letter, { personalisation: { ...letterFields, ...withCountry } }),
    ).resolves.toBeDefined();
  });

  it("requires personalisation, and refuses letters from team keys and trial services", async () => {
    const teamSecret = randomUUID();
    const { notify, raw, simulator, serviceId } = await startTestSimulator({
      extraApiKeys: [{ secret: teamSecret, type: "team" }],
    });
    const withoutPersonalisation = await raw
      .sendLetter(templates.letter, {})
      .catch((error: { response: { status: number; data: unknown } }) => error.response);
    expect(withoutPersonalisation).toMatchObject({
      status: 400,
      data: {
        status_code: 400,
        errors: [{ error: "ValidationError", message: "personalisation is a required property" }],
      },
    });
    await expect(
      notify.sendLetter(templates.letter, { personalisation: letterPersonalisation }),
    ).resolves.toBeDefined();

    const team = createNotifyClient({
      apiKey: buildSimulatorApiKey({ serviceId, secret: teamSecret }),
      baseUrl: simulator.url,
    });
    expect(
      await failureOf(team.sendLetter(templates.letter, { personalisation: letterPersonalisation })),
    ).toMatchObject({
      status: 403,
      errors: [{ error: "BadRequestError", message: "Cannot send letters with a team api key" }],
    });
    const trial = await startTestSimulator({ service: { trialMode: true } });
    expect(
      await failureOf(trial.notify.sendLetter(templates.letter, { personalisation: letterPersonalisation })),
    ).toMatchObject({
      status: 403,
      errors: [{ error: "BadRequestError", message: "Cannot send letters when service is in trial mode" }],
    });
  });

  it("refuses an email template for a letter", async () => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(
      notify.sendLetter(templates.email, { personalisation: { ...letterPersonalisation, ...emailPersonalisation } }),
    );
    expect(error.errors[0]!.message).toBe("email template is not suitable for letter notification");
  });
});

describe("precompiled letters", () => {
  it("answers 201 with postage second by default, then checks the PDF before accepting it", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock });
    const sent = await notify.sendPrecompiledLetter("precompiled-1", pdf);
    expect(sent).toEqual({ id: expect.any(String), reference: "precompiled-1", postage: "second" });
    expect(await notify.getNotificationById(sent.id)).toMatchObject({
      status: "pending-virus-check",
      is_cost_data_ready: false,
      postage: "second",
    });
    clock.advance(200);
    expect((await notify.getNotificationById(sent.id)).status).toBe("accepted");
    clock.advance(1000);
    expect((await notify.getNotificationById(sent.id)).status).toBe("received");
  });

  it("fails validation later when the content is not a PDF", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock });
    const sent = await notify.sendPrecompiledLetter("not-a-pdf", Buffer.from("hello"), "first");
    expect(sent.postage).toBe("first");
    clock.advance(200);
    expect(await notify.getNotificationById(sent.id)).toMatchObject({
      status: "validation-failed",
      cost_details: { billable_sheets_of_paper: 0, postage: "first" },
    });
  });

  it("refuses content that is not base64 and postage Notify does not offer", async () => {
    const { raw } = await startTestSimulator();
    const post = (body: unknown) =>
      raw.apiClient
        .post("/v2/notifications/letter", body)
        .catch((error: { response: { status: number; data: unknown } }) => error.response);
    expect(await post({ reference: "r", content: "not base64!" })).toMatchObject({
      status: 400,
      data: {
        errors: [{ error: "BadRequestError", message: "Cannot decode letter content (invalid base64 encoding)" }],
      },
    });
    const europe = await rawFailureOf(raw.sendPrecompiledLetter("r", pdf, "europe"));
    expect(europe).toEqual({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "postage invalid. It must be either first, second or economy." }],
    });
  });
});

describe("GET /v2/notifications/{id}/pdf", () => {
  it("returns a PDF for letters and Notify's errors otherwise", async () => {
    const clock = manualClock();
    const { notify, raw } = await startTestSimulator({ clock });
    const letter = await notify.sendLetter(templates.letter, { personalisation: letterPersonalisation });
    clock.advance(3000);
    const printed = await raw.getPdfForLetterNotification(letter.id);
    expect(printed.subarray(0, 5).toString()).toBe("%PDF-");
    expect(printed.toString("latin1")).toContain("(We will visit Flat 4, Rose Court on 3 March) Tj");

    const precompiled = await notify.sendPrecompiledLetter("p", pdf);
    const notReady = await rawFailureOf(raw.getPdfForLetterNotification(precompiled.id));
    expect(notReady).toEqual({
      status_code: 400,
      errors: [{ error: "PDFNotReadyError", message: "PDF not available yet, try again later" }],
    });
    clock.advance(300);
    expect(await raw.getPdfForLetterNotification(precompiled.id)).toEqual(pdf);

    const email = await notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation });
    const notLetter = await rawFailureOf(raw.getPdfForLetterNotification(email.id));
    expect(notLetter).toEqual({
      status_code: 400,
      errors: [{ error: "BadRequestError", message: "Notification is not a letter" }],
    });
  });
});

describe("GET /v2/notifications/{id}/pdf while a templated letter is being rendered", () => {
  it("answers PDFNotReadyError until the PDF is ready, then the PDF, so client retries are exercised", async () => {
    const clock = manualClock();
    const { notify, raw } = await startTestSimulator({ clock, timing: { templatedLetterPdfMs: 1500 } });
    const letter = await notify.sendLetter(templates.letter, { personalisation: letterPersonalisation });

    const notReady = {
      status_code: 400,
      errors: [{ error: "PDFNotReadyError", message: "PDF not available yet, try again later" }],
    };
    expect(await rawFailureOf(raw.getPdfForLetterNotification(letter.id))).toEqual(notReady);
    clock.advance(1499);
    expect(await rawFailureOf(raw.getPdfForLetterNotification(letter.id))).toEqual(notReady);
    clock.advance(1);
    const printed = await raw.getPdfForLetterNotification(letter.id);
    expect(printed.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("a client that retries on PDFNotReadyError gets the PDF on the real clock", async () => {
    const { notify, raw } = await startTestSimulator({ timing: { templatedLetterPdfMs: 300 } });
    const letter = await notify.sendLetter(templates.letter, { personalisation: letterPersonalisation });
    const seen: string[] = [];
    let printed: Buffer | undefined;
    while (!printed) {
      try {
        printed = await raw.getPdfForLetterNotification(letter.id);
      } catch (error) {
        const body = (error as { response?: { data?: { errors?: { error: string }[] } } }).response?.data;
        seen.push(body?.errors?.[0]?.error ?? String(error));
        if (seen.length > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(["PDFNotReadyError"]));
    expect(printed.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("estimated delivery", () => {
  it("matches Notify's example: second class from Friday 1 December 2000 arrives Monday 11 December", () => {
    expect(estimatedDelivery(toMicroseconds(Date.UTC(2000, 11, 1, 12)), "second")).toBe("2000-12-11T16:00:00.000000Z");
  });
});
