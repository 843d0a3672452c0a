import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emailPersonalisation, failureOf, smsPersonalisation, startTestSimulator, templates } from "./test-support";

describe("POST /v2/notifications/email", () => {
  it("answers 201 with Notify's body: filled-in content, sender, template uri", async () => {
    const { notify, simulator, serviceId } = await startTestSimulator();
    const sent = await notify.sendEmail(templates.email, "sam.patel@example.com", {
      personalisation: { ...emailPersonalisation, title: `Sam's "flat" - ground floor`, urgent: "yes" },
      reference: "visit-1",
      oneClickUnsubscribeUrl: "https://housing.example.gov.uk/unsubscribe",
    });
    expect(sent).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: "visit-1",
      uri: `${simulator.url}/v2/notifications/${sent.id}`,
      template: {
        id: templates.email,
        version: 1,
        uri: `${simulator.url}/services/${serviceId}/templates/${templates.email}`,
      },
      scheduled_for: null,
      content: {
        from_email: "housing.notifications@notifications.service.gov.uk",
        subject: "Visit due: Sam’s “flat” – ground floor",
        body:
          "Dear Sam Patel,\n\nThis is urgent. Please deal with it today.\n\nThe annual gas safety check is due.\n\n" +
          "See visit details: https://housing.example.gov.uk/activity/tenure/T-1\n\nHousing Services",
        one_click_unsubscribe_url: "https://housing.example.gov.uk/unsubscribe",
      },
      sanitised_content: {},
    });
  });

  it("matches personalisation keys ignoring case, spaces, _ and -, and leaves out conditional text for 'no'", async () => {
    const { notify } = await startTestSimulator();
    const sent = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: {
        "Recipient Name": "Sam",
        TITLE: "t",
        summary: "s",
        urgent: "no",
        "action-url": "https://x.example",
      },
    });
    expect(sent.content.body).toBe("Dear Sam,\n\ns\n\nSee visit details: https://x.example\n\nHousing Services");
  });

  it("writes list values as bullets in the body and as prose in the subject", async () => {
    const { notify } = await startTestSimulator();
    const sent = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: {
        ...emailPersonalisation,
        title: ["Flat 1", "Flat 2", "Flat 3"],
        summary: ["Gas", " ", "Water"],
      },
    });
    expect(sent.content.subject).toBe("Visit due: Flat 1, Flat 2 and Flat 3");
    expect(sent.content.body).toContain("Dear Sam Patel,\n\n\n\n* Gas\n* Water\n\n");
  });

  it("sanitises the personalisation named in sanitise_content_for", async () => {
    const { notify } = await startTestSimulator();
    const sent = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: { ...emailPersonalisation, summary: "Click https://evil.example/x now" },
      sanitiseContentFor: ["summary"],
    });
    expect(sent.sanitised_content).toEqual({
      summary: { unsanitised: "Click https://evil.example/x now", sanitised: "Click  now" },
    });
    expect(sent.content.body).toContain("Click  now");
  });

  it.each([
    ["a bad address", "not-an-email", { error: "ValidationError", message: "email_address Not a valid email address" }],
    [
      "an IP-address domain",
      "email@123.123.123.123",
      { error: "ValidationError", message: "email_address Not a valid email address" },
    ],
  ])("refuses %s", async (_case, emailAddress, entry) => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(
      notify.sendEmail(templates.email, emailAddress, { personalisation: emailPersonalisation }),
    );
    expect(error).toMatchObject({ status: 400, retryable: false, errors: [entry] });
  });

  it.each([
    ["an unknown template", () => randomUUID(), "Template not found"],
    ["an SMS template", () => templates.sms, "sms template is not suitable for email notification"],
  ])("refuses %s", async (_case, templateId, message) => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(
      notify.sendEmail(templateId(), "sam@example.com", { personalisation: emailPersonalisation }),
    );
    expect(error.errors).toEqual([{ error: "BadRequestError", message }]);
  });

  it("lists missing personalisation in the template's order, subject first", async () => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(
      notify.sendEmail(templates.email, "sam@example.com", { personalisation: { summary: "s", urgent: null } }),
    );
    expect(error.errors).toEqual([
      { error: "BadRequestError", message: "Missing personalisation: title, recipient_name, urgent, action_url" },
    ]);
  });

  it("treats an empty string as given, not missing", async () => {
    const { notify } = await startTestSimulator();
    const sent = await notify.sendEmail(templates.email, "sam@example.com", {
      personalisation: { ...emailPersonalisation, summary: "" },
    });
    expect(sent.content.body).toContain("Dear Sam Patel,\n\n\n\nSee visit details");
  });

  it("checks reply-to ids and https unsubscribe links", async () => {
    const { notify, serviceId } = await startTestSimulator();
    const replyTo = randomUUID();
    const error = await failureOf(
      notify.sendEmail(templates.email, "sam@example.com", {
        personalisation: emailPersonalisation,
        emailReplyToId: replyTo,
      }),
    );
    expect(error.errors[0]!.message).toBe(
      `email_reply_to_id ${replyTo} does not exist in database for service id ${serviceId}`,
    );
    const insecure = await failureOf(
      notify.sendEmail(templates.email, "sam@example.com", {
        personalisation: emailPersonalisation,
        oneClickUnsubscribeUrl: "http://x.example",
      }),
    );
    expect(insecure.errors).toEqual([
      { error: "ValidationError", message: "one_click_unsubscribe_url is not a valid https url" },
    ]);
  });

  it("answers schema errors all at once, in Notify's order and wording", async () => {
    const { requestAsService } = await startTestSimulator();
    const post = (body: string) => requestAsService("/v2/notifications/email", { method: "POST", body });
    const messages = async (body: string) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      return (response.body as { errors: { message: string }[] }).errors.map((entry) => entry.message);
    };
    expect(await messages("{}")).toEqual([
      "email_address is a required property",
      "template_id is a required property",
    ]);
    expect(
      await messages(JSON.stringify({ email_address: 5, template_id: "nope", personalisation: "x", foo: 1, bar: 2 })),
    ).toEqual([
      "email_address 5 is not of type string",
      "template_id is not a valid UUID",
      "personalisation x is not of type object",
      "Additional properties are not allowed (bar, foo were unexpected)",
    ]);
    expect(
      await messages(
        JSON.stringify({ email_address: "a@b.com", template_id: templates.email, reference: "r".repeat(1001) }),
      ),
    ).toEqual([`reference ${"r".repeat(1001)} is too long`]);
    expect(await messages("[]")).toEqual(["[] is not of type object"]);
    expect(await post("{not json")).toEqual({
      status: 400,
      body: { status_code: 400, errors: [{ error: "BadRequestError", message: "Invalid JSON supplied in POST data" }] },
    });
  });

  it("refuses channels the service may not use", async () => {
    const { notify } = await startTestSimulator({ service: { permissions: ["email"] } });
    const error = await failureOf(
      notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation }),
    );
    expect(error.errors).toEqual([
      { error: "BadRequestError", message: "Service is not allowed to send text messages" },
    ]);
  });

  it("refuses archived templates", async () => {
    const archivedId = randomUUID();
    const { notify } = await startTestSimulator({
      templates: [
        {
          id: archivedId,
          version: 1,
          type: "email",
          name: "Old",
          subject: "Old",
          body: "Old",
          postage: null,
          letterContactBlock: null,
          createdAt: "2026-01-05T09:00:00.000000Z",
          updatedAt: null,
          createdBy: "a@example.com",
          archived: true,
        },
      ],
    });
    const error = await failureOf(notify.sendEmail(archivedId, "sam@example.com"));
    expect(error.errors[0]!.message).toBe("Template has been deleted");
  });
});
