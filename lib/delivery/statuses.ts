/** Ours before GOV.UK Notify holds a message, then Notify's own while it is on its way (notify.md §3.1). */
const inFlightDeliveryStatuses = [
  "pending",
  "scheduled",
  "created",
  "sending",
  "pending-virus-check",
  "accepted",
] as const;

/**
 * Statuses after which nothing changes. Notify's own names once it holds a message (emails and texts
 * end delivered or *-failure, international texts `sent`, letters `received` or a failure); ours,
 * `rejected` when Notify refused the request, and `failed` when every retry failed to reach it.
 */
const finalDeliveryStatusNames = [
  "delivered",
  "sent",
  "received",
  "permanent-failure",
  "temporary-failure",
  "technical-failure",
  "validation-failed",
  "virus-scan-failed",
  "cancelled",
  "rejected",
  "failed",
] as const;

/** Every status a delivery can have, in the order a message moves through them. */
export const deliveryStatuses = [...inFlightDeliveryStatuses, ...finalDeliveryStatusNames] as const;

export const finalDeliveryStatuses: ReadonlySet<string> = new Set(finalDeliveryStatusNames);

export function isFinalDeliveryStatus(status: string): boolean {
  return finalDeliveryStatuses.has(status);
}

/** Final statuses that mean the message did not arrive (everything final but delivered, sent, received). */
export function isFailedDeliveryStatus(status: string): boolean {
  return finalDeliveryStatuses.has(status) && !["delivered", "sent", "received"].includes(status);
}
