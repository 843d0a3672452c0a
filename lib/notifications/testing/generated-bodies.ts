import fc from "fast-check";
import { roles } from "@/db/schema";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { oddCharacter, oddString, oddValue, rawNumberToken } from "./generated-values";

/** One valid body per shape the API accepts; `userId` is a person who may receive one. */
export function validCreateBodies(userId: string): Record<string, unknown>[] {
  const inAWeek = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
  return [
    {
      notificationType: "Screen",
      message: "Missed payments",
      recipient: { team: "finance" },
      targetType: "tenure",
      targetId: "T-1",
    },
    { notificationType: "Screen", category: "estimateApproval", message: "Estimate E-1" },
    {
      notificationType: "Screen",
      message: "Hello",
      recipient: { userId },
      personalisationParams: { name: "Rosa", visits: 2, urgent: true },
    },
    {
      notificationType: "Screen",
      message: "For a role",
      recipient: { role: "finance-officer" },
      requireAction: "true",
      actionUrl: "/activity/tenure/T-2",
    },
    {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.visitDue,
      email: "resident@example.com",
      firstName: "Rosa",
      lastName: "Diaz",
      personalisationParams: {
        recipient_name: "Rosa",
        title: "Gas safety visit",
        summary: "Thursday morning",
        urgent: "no",
        action_url: "https://example.com",
      },
    },
    {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue,
      mobileNumber: "07700 900123",
      sendAt: inAWeek,
      personalisationParams: { title: "Gas safety visit", urgent: "no", action_url: "https://example.com" },
    },
    {
      notificationType: "Letter",
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.visitDue,
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "E8 1DY",
      personalisationParams: {
        recipient_name: "Rosa",
        property: "1 Mare Street",
        visit_date: "Thursday",
        work: "check the boiler",
        summary: "Morning",
      },
    },
  ];
}

/** Bodies one mutation away from valid (and often still valid), so the database side gets exercised too. */
export function mutatedCreateBody(valid: Record<string, unknown>[]) {
  const knownFields = [
    ...new Set([
      ...valid.flatMap(Object.keys),
      "smsTemplateId",
      "emailTemplateId",
      "letterTemplateId",
      "requireEmailNotification",
      "requireSmsNotification",
      "requireLetter",
      "addressLine4",
      "addressLine7",
    ]),
  ];
  const fieldValue = fc.oneof(
    { weight: 3, arbitrary: oddValue },
    { weight: 2, arbitrary: oddString },
    fc.oneof(
      fc.record({ team: fc.oneof(oddString, fc.constantFrom("finance", "payroll", "FINANCE")) }),
      fc.record({ userId: fc.uuid() }),
      fc.record({ role: fc.oneof(fc.constantFrom(...roles), oddString) }),
    ),
    fc.dictionary(oddString, fc.oneof(oddString, fc.double(), fc.boolean(), oddValue), { maxKeys: 5 }),
  );
  const fieldName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...knownFields) },
    fc.constantFrom("__proto__", "constructor", "toString", ""),
    fc.string({ maxLength: 10 }),
  );
  const mutation = fc.oneof(
    fc.record({ set: fieldName, value: fieldValue }),
    fc.record({ remove: fc.constantFrom(...knownFields) }),
    // One odd character inside a string that was valid, so the body often still passes validation.
    { weight: 3, arbitrary: fc.record({ tweak: fc.nat(), at: fc.nat(), character: oddCharacter }) },
  );
  return fc
    .record({
      base: fc.constantFrom(...valid),
      mutations: fc.array(mutation, { maxLength: 3 }),
      rawNumber: fc.option(fc.tuple(fieldName, rawNumberToken), { freq: 8 }),
    })
    .map(({ base, mutations, rawNumber }) => {
      const body = structuredClone(base);
      for (const change of mutations) {
        // defineProperty, so "__proto__" becomes a real key in the JSON rather than a prototype swap.
        if ("set" in change)
          Object.defineProperty(body, change.set, {
            value: change.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else if ("remove" in change) delete body[change.remove];
        else insertCharacter(body, change);
      }
      const text = JSON.stringify(body);
      return rawNumber
        ? `${text.slice(0, -1)}${text === "{}" ? "" : ","}${JSON.stringify(rawNumber[0])}:${rawNumber[1]}}`
        : text;
    });
}

/** Puts `character` inside one of the body's strings, one level deep included (recipient.team, personalisation). */
function insertCharacter(body: Record<string, unknown>, change: { tweak: number; at: number; character: string }) {
  const holders = [
    body,
    ...Object.values(body).filter(
      (value): value is Record<string, unknown> => typeof value === "object" && value !== null,
    ),
  ];
  const strings = holders.flatMap((holder) =>
    Object.keys(holder)
      .filter((key) => typeof holder[key] === "string")
      .map((key) => ({ holder, key })),
  );
  if (strings.length === 0) return;
  const { holder, key } = strings[change.tweak % strings.length]!;
  const text = holder[key] as string;
  const at = change.at % (text.length + 1);
  holder[key] = `${text.slice(0, at)}${change.character}${text.slice(at)}`;
}
