import { describe, expect, it } from "vitest";
import { ruleDefinitionSchema } from "./definitions";

const issuesOf = (input: unknown) => {
  const result = ruleDefinitionSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
};

const event = {
  match: { eventType: "TenureCreatedEvent" },
  category: "newTenure",
  audience: { team: "finance" },
  message: "New tenure {{newData.paymentReference}}",
};
const escalation = {
  category: "estimateApproval",
  remindAfter: "P1D",
  escalateAfter: "P2D",
  timeMode: "working",
  fallbackRole: "finance-manager",
};
const stalled = {
  targetType: "process",
  after: "P14D",
  timeMode: "calendar",
  closingEventTypes: ["ProcessClosedEvent"],
  audience: { team: "housing-officers" },
};
const reminder = { recipient: "officer", offsets: ["P1D"], timeMode: "working", channel: "inbox", at: "08:00" };

describe("ruleDefinitionSchema", () => {
  it.each([
    ["event", event],
    [
      "event",
      { ...event, audience: { visitOfficersAtProperty: { withinDays: 14, fallbackTeam: "housing-officers" } } },
    ],
    ["event", { ...event, match: { targetType: "tenure", newData: { status: "active", count: 2, flag: null } } }],
    ["escalation", escalation],
    ["stalled", stalled],
    ["reminder", reminder],
  ])("accepts a %s rule", (kind, definition) => {
    expect(issuesOf({ kind, definition })).toEqual([]);
  });

  it("fills the category a stalled or reminder rule leaves out", () => {
    expect(ruleDefinitionSchema.parse({ kind: "stalled", definition: stalled }).definition).toMatchObject({
      category: "processThreshold",
    });
  });

  it.each([
    [
      { kind: "digest", definition: {} },
      [{ path: "kind", message: "kind must be one of event, escalation, stalled, reminder" }],
    ],
    [
      { kind: "event", definition: { ...event, match: {} } },
      [
        {
          path: "definition.match",
          message: "Match an eventType or a targetType, or the rule would fire on every event",
        },
      ],
    ],
    [
      { kind: "event", definition: { ...event, category: "noSuchThing" } },
      [{ path: "definition.category", message: 'Must be a category of the event catalogue, not "noSuchThing"' }],
    ],
    [
      { kind: "event", definition: { ...event, audience: { team: "finance", role: "admin" } } },
      [{ path: "definition.audience", message: "Name exactly one of team, role or visitOfficersAtProperty" }],
    ],
    [
      { kind: "event", definition: { ...event, audience: { role: "boss" } } },
      [{ path: "definition.audience.role", message: expect.stringContaining("Must be one of the roles") }],
    ],
    [
      { kind: "event", definition: { ...event, message: "Hello {{ newData['x'] }}" } },
      [{ path: "definition.message", message: expect.stringContaining("is not a field such as {{newData.name}}") }],
    ],
    [
      { kind: "event", definition: { ...event, extra: 1 } },
      [{ path: "definition", message: expect.stringContaining("extra") }],
    ],
    [
      { kind: "escalation", definition: { ...escalation, remindAfter: "PT30S" } },
      [{ path: "definition.remindAfter", message: "Must be at least 1 minute (PT1M)" }],
    ],
    [
      { kind: "escalation", definition: { ...escalation, escalateAfter: "P1D" } },
      [{ path: "definition.escalateAfter", message: "Must be longer than remindAfter" }],
    ],
    [
      { kind: "escalation", definition: { ...escalation, timeMode: "office" } },
      [{ path: "definition.timeMode", message: 'Must be "calendar" or "working"' }],
    ],
    [
      { kind: "stalled", definition: { ...stalled, after: "P2Y" } },
      [{ path: "definition.after", message: "Must be at most 1 year (P1Y)" }],
    ],
    [
      { kind: "stalled", definition: { ...stalled, closingEventTypes: [] } },
      [{ path: "definition.closingEventTypes", message: expect.stringContaining("at least one event type") }],
    ],
    [
      {
        kind: "stalled",
        definition: { ...stalled, audience: { visitOfficersAtProperty: { withinDays: 1, fallbackTeam: "x" } } },
      },
      [{ path: "definition.audience", message: "Must be a team or a role" }],
    ],
    [
      { kind: "reminder", definition: { ...reminder, at: "8am" } },
      [{ path: "definition.at", message: 'Must be a London time of day such as "08:00"' }],
    ],
    [
      { kind: "reminder", definition: { ...reminder, offsets: ["P1D", "soon"] } },
      [{ path: "definition.offsets.1", message: expect.stringContaining("is not an ISO 8601 duration") }],
    ],
  ])("refuses %j", (input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });
});
