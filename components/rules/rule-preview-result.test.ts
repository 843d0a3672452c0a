import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RulePreview } from "@/lib/rules/preview-schema";
import { RulePreviewResult } from "./rule-preview-result";

// What the preview page shows for each kind of rule: its tables with their cells, or "Nothing would be made now".

const id = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01";
const at = "2026-11-23T14:05:00.000Z";
const render = (preview: RulePreview) => renderToStaticMarkup(createElement(RulePreviewResult, { preview }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("RulePreviewResult", () => {
  it("lists an event rule's recipients with the people they reach, in a captioned table", () => {
    const html = render({
      ruleId: id,
      kind: "event",
      enabled: true,
      event: { id, eventType: "TenureCreatedEvent", targetType: "tenure", sample: true },
      matches: true,
      alreadyRan: false,
      sentTo: "the finance team",
      missingFields: [],
      wouldCreate: [
        {
          category: "newTenure",
          message: "New tenure PR-42: check its charges",
          requireAction: false,
          targetType: "tenure",
          targetId: id,
          recipient: { team: "finance" },
          people: [{ id, name: "Fiona Finch" }],
        },
      ],
    });
    expect(html).toMatch(/<caption[^>]*>Notifications it would make: recipients and people reached<\/caption>/);
    expect(html).toMatch(/<th scope="row"[^>]*>the finance team<\/th>/);
    expect(text(html)).toContain("Fiona Finch New tenure PR-42: check its charges No");
    expect(html).not.toContain("Nothing would be made now");
  });

  it("says why an event rule would make nothing, then that nothing would be made", () => {
    const html = render({
      ruleId: id,
      kind: "event",
      enabled: true,
      event: { id, eventType: "PersonCreatedEvent", targetType: "person", sample: false },
      matches: false,
      alreadyRan: false,
      sentTo: "the finance team",
      missingFields: [],
      wouldCreate: [],
    });
    expect(text(html)).toMatch(/does not match the rule, so nothing would be made for it\..*Nothing would be made now/);
    expect(html).not.toContain("<table");
  });

  it.each<RulePreview>([
    {
      ruleId: id,
      kind: "escalation",
      enabled: true,
      at,
      reminders: { total: 0, items: [] },
      escalations: { total: 0, items: [] },
    },
    { ruleId: id, kind: "stalled", enabled: false, at, stalled: { total: 0, items: [] } },
    { ruleId: id, kind: "reminder", enabled: true, at, reminders: { total: 0, items: [] } },
  ])("says plainly that a $kind rule with nothing due would make nothing", (preview) => {
    const html = render(preview);
    expect(html).toContain("Nothing would be made now");
    expect(html).not.toContain("<table");
  });

  it("lists escalations with who would get them, and counts past the listed ones", () => {
    const item = {
      notificationId: id,
      message: "Approve estimate E-7",
      createdDate: at,
      targetType: "workOrder",
      targetId: id,
      sentTo: "Finance managers",
      recipients: [{ userId: id }, { userId: id }],
    };
    const html = text(
      render({
        ruleId: id,
        kind: "escalation",
        enabled: true,
        at,
        reminders: { total: 0, items: [] },
        escalations: { total: 51, items: [item] },
      }),
    );
    expect(html).toContain("51 items due for escalation; the first 1 are listed.");
    expect(html).toContain("Approve estimate E-7 23/11/2026, 14:05");
    expect(html).toContain("Finance managers: 2 people");
    expect(html).toContain("0 items due for a reminder.");
  });

  it("lists stalled records with how long they have been quiet and who gets it", () => {
    const html = text(
      render({
        ruleId: id,
        kind: "stalled",
        enabled: true,
        at,
        stalled: {
          total: 1,
          items: [
            {
              targetType: "process",
              targetId: id,
              lastActivityAt: at,
              quietFor: "16 days",
              message: "Process quiet for 16 days",
              recipient: { team: "housing-officers" },
              sentTo: "the rule's audience",
            },
          ],
        },
      }),
    );
    expect(html).toContain("1 stalled record.");
    expect(html).toContain(`process ${id} 16 days 23/11/2026, 14:05 the housing-officers team (the rule's audience)`);
  });

  it("lists reminders due with how they would go and the timeline's explanation", () => {
    const html = text(
      render({
        ruleId: id,
        kind: "reminder",
        enabled: true,
        at,
        reminders: {
          total: 2,
          items: [
            {
              visitId: id,
              propertyId: id,
              startsAt: at,
              offset: "P1D",
              channel: "sms",
              recipient: { userId: id },
              explanation: "By text message, as the resident prefers",
            },
            {
              visitId: id,
              propertyId: id,
              startsAt: at,
              offset: "P7D",
              channel: null,
              recipient: null,
              explanation: "Not sent: a later reminder replaces it",
            },
          ],
        },
      }),
    );
    expect(html).toContain("2 reminders due.");
    expect(html).toContain(`P1D Text message one person (${id}) By text message, as the resident prefers`);
    expect(html).toContain("P7D Not sent Nobody: it would not be sent Not sent: a later reminder replaces it");
  });
});
