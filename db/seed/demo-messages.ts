import { notifyTemplateIds } from "@/lib/notify-simulator";
import { demoWorkOrderId } from "./demo-history";
import { demoIds } from "./demo-people";

/** A process (a sole-to-joint tenancy change) last heard of three weeks ago: the default stalled rule's 2 weeks have passed. */
export const demoStalledProcessId = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0e01";

/**
 * Notify's own test numbers fail at the local simulator as they do at Notify (notify.md, "Magic
 * recipients"): a text to a number ending 7700900003 ends `temporary-failure`, the phone was off.
 */
export const demoFailingMobileNumber = "07700 900003";

const survey = {
  title: "Kitchen tap repair",
  urgent: "no",
  summary: "Dyer Plumbing finished your kitchen tap repair on Tuesday.",
  action_url: "https://surveys.council.example/repairs",
};
const gasCheck = {
  title: "Gas safety check",
  urgent: "no",
  summary: "Our engineer will check your boiler and gas appliances; it takes about an hour.",
  action_url: "https://council.example/visits",
};

/**
 * Emails, texts and a letter as the council's services send them (request bodies). Seeded only when
 * Notify is the local simulator: the workers send them to it after start, so their statuses move
 * (delivered, received) and the failed text fails there, as it would at Notify.
 */
export function demoMessages(): Record<string, unknown>[] {
  return [
    {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.satisfactionSurvey,
      email: "rosa.alvarez@resident.example",
      personalisationParams: { ...survey, recipient_name: "Rosa" },
      targetType: "workOrder",
      targetId: demoWorkOrderId,
    },
    {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.visitDue,
      email: "tom.baker@resident.example",
      personalisationParams: { ...gasCheck, recipient_name: "Tom" },
      targetType: "tenure",
      targetId: demoIds.tomTenure,
    },
    {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue,
      mobileNumber: "07700 900101",
      personalisationParams: { ...gasCheck, recipient_name: "Rosa" },
      targetType: "tenure",
      targetId: demoIds.rosaTenure,
    },
    {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.satisfactionSurvey,
      mobileNumber: demoFailingMobileNumber,
      personalisationParams: { ...survey, recipient_name: "Leo" },
      targetType: "workOrder",
      targetId: demoWorkOrderId,
    },
    {
      notificationType: "Letter",
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.visitDue,
      addressLine1: "Mr Tom Baker",
      addressLine2: "Flat 7, Alder House",
      addressLine3: "12 Mare Street",
      addressLine4: "London",
      addressLine5: "E8 4RP",
      personalisationParams: {
        recipient_name: "Mr Baker",
        property: "Flat 7, Alder House",
        visit_date: "Thursday 14 January",
        work: "check your smoke and carbon monoxide alarms",
        summary: "The visit takes about 30 minutes. Please make sure someone over 18 is at home.",
      },
      targetType: "tenure",
      targetId: demoIds.tomTenure,
    },
  ];
}

/** An authorisation the contact centre has not acted on for a week: the default rule escalates it to repairs managers. */
export const demoEscalatedItem = {
  notificationType: "Screen",
  category: "highCostAuthorisation",
  message: "High-cost authorisation: replacing the roof at Alder House (£18,400) needs authorising",
  targetType: "workOrder",
  targetId: demoWorkOrderId,
};
