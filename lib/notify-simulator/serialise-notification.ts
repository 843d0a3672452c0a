import { addressFields } from "./letter-address";
import { completedAt, currentStep, publicStatus, stepTime, type InternalStatus } from "./status-progression";
import type { StoredNotification } from "./store";
import { formatNotifyTimestamp, formatOptionalTimestamp } from "./time";

// GET /v2/notifications/{id} (notifications-api models.py Notification.serialize and
// serialize_with_cost_data): every key is always present.

const smsRate = 0.0227;
const noLetterCost: ReadonlySet<InternalStatus> = new Set([
  "cancelled",
  "technical-failure",
  "validation-failed",
  "virus-scan-failed",
]);
const notReady = { is_cost_data_ready: false, cost_in_pounds: null, cost_details: {} };

function costData(notification: StoredNotification, status: InternalStatus) {
  if (notification.type === "email") return { is_cost_data_ready: true, cost_in_pounds: 0.0, cost_details: {} };
  if (notification.type === "sms") {
    if (status === "created") return notReady;
    const fragments = notification.smsFragments;
    return {
      is_cost_data_ready: true,
      cost_in_pounds: fragments * smsRate,
      cost_details: { billable_sms_fragments: fragments, international_rate_multiplier: 1.0, sms_rate: smsRate },
    };
  }
  if (status === "pending-virus-check") return notReady;
  // Notify's letter prices are not part of the contract the simulator follows, so letters cost £0.
  const sheets = noLetterCost.has(status) ? 0 : 1;
  return {
    is_cost_data_ready: true,
    cost_in_pounds: 0.0,
    cost_details: { billable_sheets_of_paper: sheets, postage: notification.postage },
  };
}

const workingDaysInTransit = { first: 2, second: 5, economy: 8 } as const;

function addWorkingDays(date: Date, days: number): Date {
  const result = new Date(date);
  let remaining = days;
  while (remaining > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    if (result.getUTCDay() !== 0 && result.getUTCDay() !== 6) remaining -= 1;
  }
  return result;
}

/** An approximation of Notify's letter timings: printed the next working day, then in transit. */
export function estimatedDelivery(createdAt: number, postage: keyof typeof workingDaysInTransit): string {
  const created = new Date(Math.floor(createdAt / 1000));
  const printed = addWorkingDays(
    new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate(), 16)),
    1,
  );
  return formatNotifyTimestamp(addWorkingDays(printed, workingDaysInTransit[postage]).getTime() * 1000);
}

export function serialiseNotification(notification: StoredNotification, now: number, baseUrl: string) {
  const { status } = currentStep(notification.timeline, now);
  const isLetter = notification.type === "letter";
  return {
    id: notification.id,
    reference: notification.reference,
    email_address: notification.type === "email" ? notification.to : null,
    phone_number: notification.type === "sms" ? notification.to : null,
    ...addressFields(isLetter ? notification.personalisation : null),
    type: notification.type,
    status: publicStatus(notification.type, status),
    template: {
      id: notification.templateId,
      version: notification.templateVersion,
      uri: `${baseUrl}/v2/template/${notification.templateId}/version/${notification.templateVersion}`,
    },
    body: notification.body,
    subject: notification.subject,
    created_at: formatNotifyTimestamp(notification.createdAt),
    created_by_name: null,
    sent_at: formatOptionalTimestamp(stepTime(notification.timeline, "sending", now)),
    completed_at: formatOptionalTimestamp(completedAt(notification.timeline, now)),
    scheduled_for: null,
    postage: isLetter ? notification.postage : null,
    one_click_unsubscribe_url: notification.oneClickUnsubscribeUrl,
    ...costData(notification, status),
    ...(isLetter && notification.postage
      ? { estimated_delivery: estimatedDelivery(notification.createdAt, notification.postage) }
      : {}),
  };
}
