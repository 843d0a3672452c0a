import * as notificationsRoute from "@/app/api/v1/notifications/route";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { emailPersonalisation } from "@/lib/notify-simulator/test-support";
import { callRoute } from "./call-route";

// Create-notification requests as a client service sends them, for tests of what happens after:
// delivery through Notify, status look-ups, documents.

/** POST /api/v1/notifications with the caller's headers. */
export function postNotification(headers: Record<string, string>, body: Record<string, unknown>) {
  return callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", { headers, body });
}

/** One email through the housing service's catalogue template, with every placeholder filled in. */
export function emailNotificationBody(email: string, overrides: Record<string, unknown> = {}) {
  return {
    notificationType: "Email",
    serviceKey: "housing",
    templateId: notifyTemplateIds.email.visitDue!,
    email,
    personalisationParams: emailPersonalisation,
    ...overrides,
  };
}

/** Fills every placeholder of the catalogue's letter template. */
export const letterPersonalisation = {
  recipient_name: "Ms Diaz",
  property: "1 Mare Street",
  visit_date: "1 December",
  work: "service the boiler",
  summary: "About an hour.",
};

/** One letter to Ms Rosa Diaz at 1 Mare Street through the catalogue's letter template. */
export function letterNotificationBody(overrides: Record<string, unknown> = {}) {
  return {
    notificationType: "Letter",
    serviceKey: "housing",
    templateId: notifyTemplateIds.letter.visitDue,
    addressLine1: "Ms Rosa Diaz",
    addressLine2: "1 Mare Street",
    addressLine3: "E8 1DY",
    personalisationParams: letterPersonalisation,
    ...overrides,
  };
}
