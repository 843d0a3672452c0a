import { describe, expect, it } from "vitest";
import type { EventRulePreview, RulePreview } from "./preview-schema";
import {
  countSentence,
  describePreviewRecipient,
  escalationAudienceText,
  eventPreviewSentences,
  peopleReachedText,
  previewIsEmpty,
} from "./preview-view";

const id = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01";

const eventPreview = (overrides: Partial<EventRulePreview> = {}): EventRulePreview => ({
  ruleId: id,
  kind: "event",
  enabled: true,
  event: { id, eventType: "TenureCreatedEvent", targetType: "tenure", sample: true },
  matches: true,
  alreadyRan: false,
  sentTo: "the finance team",
  missingFields: [],
  wouldCreate: [],
  ...overrides,
});

describe("describePreviewRecipient", () => {
  it.each([
    [{ team: "finance" }, "the finance team"],
    [{ role: "finance-manager" }, "everyone who is a finance manager"],
    [{ role: "no-such-role" }, "everyone who is a no-such-role"],
    [{ userId: id }, `one person (${id})`],
    [{ personId: id }, `one person (${id})`],
    [{ residentsOf: { propertyId: id } }, `the residents of property ${id}`],
    [null, "Nobody: it would not be sent"],
  ])("%j is %s", (recipient, words) => {
    expect(describePreviewRecipient(recipient)).toBe(words);
  });
});

describe("countSentence", () => {
  const items = { one: "item due for escalation", many: "items due for escalation" };
  it.each([
    [0, 0, "0 items due for escalation."],
    [1, 1, "1 item due for escalation."],
    [3, 3, "3 items due for escalation."],
    [120, 50, "120 items due for escalation; the first 50 are listed."],
  ])("%i in all, %i listed: %s", (total, listed, sentence) => {
    expect(countSentence(total, listed, items)).toBe(sentence);
  });
});

describe("eventPreviewSentences", () => {
  it("says a sample event was made to fit, that it matches and who gets it", () => {
    expect(eventPreviewSentences(eventPreview())).toEqual([
      "Tried on a sample TenureCreatedEvent (a tenure event) made to fit the rule's match.",
      "The event matches the rule.",
      "Recipients: the finance team.",
    ]);
  });

  it("names a given event, a mismatch, a redelivery and the template fields it lacks", () => {
    const sentences = eventPreviewSentences(
      eventPreview({
        event: { id, eventType: "PersonCreatedEvent", targetType: "person", sample: false },
        matches: false,
        alreadyRan: true,
        missingFields: ["newData.paymentReference"],
      }),
    );
    expect(sentences).toEqual([
      `Tried on the PersonCreatedEvent you gave (a person event, id ${id}).`,
      "The event does not match the rule, so nothing would be made for it.",
      "The rule already acted on this event id, so a redelivery makes nothing.",
      "The event has no value for newData.paymentReference: left empty in the message, as shown below.",
    ]);
  });
});

describe("previewIsEmpty", () => {
  const at = new Date(0).toISOString();
  const none = { total: 0, items: [] };
  it.each<[RulePreview, boolean]>([
    [eventPreview(), true],
    [
      eventPreview({
        wouldCreate: [
          {
            category: "newTenure",
            message: "m",
            requireAction: false,
            targetType: "tenure",
            targetId: id,
            recipient: { team: "finance" },
            people: [],
          },
        ],
      }),
      false,
    ],
    [{ ruleId: id, kind: "escalation", enabled: true, at, reminders: none, escalations: none }, true],
    [
      { ruleId: id, kind: "escalation", enabled: true, at, reminders: none, escalations: { total: 51, items: [] } },
      false,
    ],
    [{ ruleId: id, kind: "stalled", enabled: false, at, stalled: none }, true],
    [{ ruleId: id, kind: "reminder", enabled: true, at, reminders: { total: 2, items: [] } }, false],
  ])("%#: a %s preview is empty: %s", (preview, empty) => {
    expect(previewIsEmpty(preview)).toBe(empty);
  });
});

describe("peopleReachedText", () => {
  it("lists names, or says nobody active is reached", () => {
    expect(peopleReachedText([{ name: "Farid Khan" }, { name: "Fiona Finch" }])).toBe("Farid Khan, Fiona Finch");
    expect(peopleReachedText([])).toBe("Nobody active at the moment");
  });
});

describe("escalationAudienceText", () => {
  it.each([
    ["Finance managers", [{ userId: id }, { userId: id }], "Finance managers: 2 people"],
    ["Finance managers", [{ userId: id }], "Finance managers: 1 person"],
    ["Finance managers", [{ role: "finance-manager" }], "Finance managers: everyone who is a finance manager"],
    ["its own audience, as unread again", [{ team: "finance" }], "its own audience, as unread again: the finance team"],
    ["its own audience, as unread again", [], "its own audience, as unread again: nobody"],
  ])("%s with %j is %s", (sentTo, recipients, words) => {
    expect(escalationAudienceText(sentTo, recipients)).toBe(words);
  });
});
