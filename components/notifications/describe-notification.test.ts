import { describe, expect, it } from "vitest";
import { describeEscalation, describeReminder } from "./describe-notification";

describe("escalation wording on an inbox item", () => {
  it("names whom, when (London time) and after how long", () => {
    const escalation = {
      escalatedAt: "2026-03-03T10:02:00Z",
      escalatedTo: "Finance managers",
      notActedOnFor: "2 working days",
    };
    expect(describeEscalation({ escalation })).toBe(
      "Escalated to Finance managers at 10:02 on 3 March: not acted on for 2 working days",
    );
    // In summer London is an hour ahead of UTC.
    expect(describeEscalation({ escalation: { ...escalation, escalatedAt: "2026-07-03T09:02:00Z" } })).toBe(
      "Escalated to Finance managers at 10:02 on 3 July: not acted on for 2 working days",
    );
    expect(describeEscalation({ escalation: null })).toBeUndefined();
  });

  it("says a reminder went out, and whether the item still needs action", () => {
    expect(describeReminder({ remindedAt: "2026-03-09T14:00:00Z", actionRequired: true })).toBe(
      "Reminder sent at 14:00 on 9 March: still needs action",
    );
    expect(describeReminder({ remindedAt: "2026-03-09T14:00:00Z", actionRequired: false })).toBe(
      "Reminder sent at 14:00 on 9 March",
    );
    expect(describeReminder({ remindedAt: null, actionRequired: true })).toBeUndefined();
  });
});
