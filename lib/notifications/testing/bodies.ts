import { notifyTemplateIds } from "@/lib/notify-simulator";

// Create bodies the notifications tests share.

/** A well-formed template id no service has: only reaches validation, which fails first. */
export const unknownTemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";

/** The fields the simulator catalogue's visitDue templates ask for. */
export const visitDueFields = {
  title: "Gas safety check",
  recipient_name: "Rosa",
  urgent: "no",
  summary: "We need to check your boiler",
  action_url: "https://example.com/visits/1",
  property: "Flat 1, 1 Mare Street",
  visit_date: "1 December 2026",
  work: "check the boiler",
};

/** An email the simulator's visitDue template accepts as it is. */
export const visitDueEmail = {
  notificationType: "Email",
  serviceKey: "housing",
  templateId: notifyTemplateIds.email.visitDue,
  email: "a@example.com",
  personalisationParams: visitDueFields,
};

/** A screen item for the finance team about a tenure: the seed's own example. */
export const screenToFinance = {
  notificationType: "Screen",
  message: "3 missed service charge payments have exceeded the tolerance period",
  targetType: "tenure",
  targetId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01",
  recipient: { team: "finance" },
};

/** An estimate waiting for the finance team's approval (the category names the team and requires action). */
export const estimateApproval = (message: string) => ({
  notificationType: "Screen",
  category: "estimateApproval",
  message,
});
