import type { Role } from "@/db/schema";
import { categories } from "./categories";
import type { KindedDefinition } from "./definitions";

/**
 * The rules a new installation starts with, as migration 0022 inserts them (default-rules.test.ts
 * holds the two to the same list, and every one to its kind's schema). Admins change them at
 * /admin/rules; nothing re-inserts a default an admin deleted.
 */
export type DefaultRule = KindedDefinition & { name: string };

// Who an unacted item is escalated to when its audience's team names no managers.
const escalationFallbacks: Record<string, Role> = {
  estimateApproval: "finance-manager",
  actualApproval: "finance-manager",
  suspenseAccountTransfer: "finance-manager",
  accountPaidOff: "finance-manager",
  workOrderVariation: "repairs-manager",
  followOnWork: "repairs-manager",
  highCostAuthorisation: "repairs-manager",
  // Housing officers have no manager role: the service's administrators take what nobody acted on.
  deathOfTenant: "admin",
  cautionaryContact: "admin",
};

export const defaultRules: DefaultRule[] = [
  {
    name: "New tenure: tell finance",
    kind: "event",
    definition: {
      match: { eventType: "TenureCreatedEvent" },
      category: "newTenure",
      audience: { team: "finance" },
      message: "New tenure {{newData.paymentReference}}: check its charges",
    },
  },
  {
    name: "New property: tell finance",
    kind: "event",
    definition: {
      match: { eventType: "AssetCreatedEvent" },
      category: "newProperty",
      audience: { team: "finance" },
      message:
        "New property {{newData.assetAddress.addressLine1}} {{newData.assetAddress.postCode}}: check its charges",
    },
  },
  {
    name: "Cautionary contact: tell officers visiting the property",
    kind: "event",
    definition: {
      match: { eventType: "CautionaryAlertCreatedEvent" },
      category: "cautionaryContact",
      audience: { visitOfficersAtProperty: { withinDays: 14, fallbackTeam: "housing-officers" } },
      message: "Cautionary alert recorded at a property you are due to visit: {{newData.alert.description}}",
      requiresAction: true,
    },
  },
  ...Object.entries(escalationFallbacks).map(([category, fallbackRole]): DefaultRule => ({
    name: `Escalate when not acted on: ${categories.find((known) => known.key === category)?.name ?? category}`,
    kind: "escalation",
    definition: { category, remindAfter: "P1D", escalateAfter: "P2D", timeMode: "working", fallbackRole },
  })),
  {
    name: "Process stalled for 2 weeks",
    kind: "stalled",
    definition: {
      category: "processThreshold",
      targetType: "process",
      after: "P14D",
      timeMode: "calendar",
      closingEventTypes: ["ProcessClosedEvent", "ProcessCompletedEvent"],
      audience: { team: "housing-officers" },
    },
  },
  {
    name: "Visit reminder to the resident, 7 days and 1 day before",
    kind: "reminder",
    definition: {
      category: "visitDue",
      recipient: "resident",
      offsets: ["P7D", "P1D"],
      timeMode: "calendar",
      channel: "preferred",
    },
  },
  {
    name: "Visit reminder to the officer, 08:00 the working day before",
    kind: "reminder",
    definition: {
      category: "visitDue",
      recipient: "officer",
      offsets: ["P1D"],
      timeMode: "working",
      channel: "inbox",
      at: "08:00",
    },
  },
];
