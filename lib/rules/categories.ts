import type { Role } from "@/db/schema";

export type CategoryAudience = { team: string } | { role: Role } | "addressee";

export type Category = {
  key: string;
  name: string;
  /** Who gets it when the caller names no recipient; "addressee" means the caller must name the person. */
  audience: CategoryAudience;
  requireAction: boolean;
  /** The follow-on button's label, e.g. "Approve estimate". */
  actionLabel: string;
  /** Where the follow-on action is; `{targetId}` and `{targetType}` are filled in. */
  actionUrlPattern: string;
  /** Channels a person may opt into for this category, besides the inbox. */
  optionalChannels: ("email" | "sms")[];
};

const timeline = "/activity/{targetType}/{targetId}";

/** The event catalogue: one category per user story in the notifications seed. */
export const categories: readonly Category[] = [
  {
    key: "missedServiceCharge",
    name: "Missed service charge payments",
    audience: { team: "finance" },
    requireAction: false,
    actionLabel: "Review account",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "estimateApproval",
    name: "Estimate to approve",
    audience: { team: "finance" },
    requireAction: true,
    actionLabel: "Approve estimate",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "actualApproval",
    name: "Actuals to approve",
    audience: { team: "finance" },
    requireAction: true,
    actionLabel: "Approve actuals",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "newProperty",
    name: "New property added",
    audience: { team: "finance" },
    requireAction: false,
    actionLabel: "Check property charges",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "newTenure",
    name: "New tenure added",
    audience: { team: "finance" },
    requireAction: false,
    actionLabel: "Check tenure charges",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "suspenseAccountTransfer",
    name: "Suspense account transfer pending",
    audience: { team: "finance" },
    requireAction: true,
    actionLabel: "Review transfer",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "workOrderVariation",
    name: "Work order variation to approve",
    audience: { role: "repairs-manager" },
    requireAction: true,
    actionLabel: "Approve variation",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "workOrderApproved",
    name: "Work order approved",
    audience: { role: "repairs-contractor" },
    requireAction: false,
    actionLabel: "Open work order",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "followOnWork",
    name: "Follow-on work required",
    audience: { team: "dlo" },
    requireAction: true,
    actionLabel: "Raise new work order",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "highCostAuthorisation",
    name: "High-cost authorisation pending",
    audience: { team: "rcc" },
    requireAction: true,
    actionLabel: "Authorise cost",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "communalComponentOutOfService",
    name: "Communal component out of service",
    audience: "addressee",
    requireAction: false,
    actionLabel: "See repair status",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "visitDue",
    name: "Visit due",
    audience: "addressee",
    requireAction: false,
    actionLabel: "See visit details",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "satisfactionSurvey",
    name: "Satisfaction survey available",
    audience: "addressee",
    requireAction: false,
    actionLabel: "Take the survey",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "noAccess",
    name: "Work team could not get in",
    audience: "addressee",
    requireAction: false,
    actionLabel: "Arrange access",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "legalDisrepair",
    name: "Legal disrepair action",
    audience: { team: "finance" },
    requireAction: false,
    actionLabel: "Open property history",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "courtAction",
    name: "Court action underway",
    audience: { role: "finance-officer" },
    requireAction: false,
    actionLabel: "Open account history",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "accountPaidOff",
    name: "Account paid off",
    audience: { role: "finance-officer" },
    requireAction: true,
    actionLabel: "Close the case",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "deathOfTenant",
    name: "Death of a tenant",
    audience: { team: "housing-officers" },
    requireAction: true,
    actionLabel: "Start due process",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
  {
    key: "cautionaryContact",
    name: "Cautionary contact recorded",
    audience: { team: "housing-officers" },
    requireAction: true,
    actionLabel: "Read the alert",
    actionUrlPattern: timeline,
    optionalChannels: ["email", "sms"],
  },
  {
    key: "processThreshold",
    name: "Process threshold passed",
    audience: { team: "housing-officers" },
    requireAction: false,
    actionLabel: "Open the process",
    actionUrlPattern: timeline,
    optionalChannels: ["email"],
  },
];

export const categoryKeys = categories.map((category) => category.key) as [string, ...string[]];

const byKey = new Map(categories.map((category) => [category.key, category]));

export function findCategory(key: string): Category | undefined {
  return byKey.get(key);
}

/** The follow-on link for a category and target, or undefined when the target is not known. */
export function followOnUrl(
  category: Category,
  targetType: string | null | undefined,
  targetId: string | null | undefined,
) {
  if (!targetType || !targetId) return undefined;
  return category.actionUrlPattern
    .replace("{targetType}", encodeURIComponent(targetType))
    .replace("{targetId}", encodeURIComponent(targetId));
}
