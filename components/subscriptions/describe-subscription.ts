import type { Subscription } from "@/db/schema";
import type { SubscriptionStanding } from "@/lib/subscriptions/admin-subscriptions";
import { formatDateTime } from "@/lib/format/dates";

/** Where the subscription's deliveries go, in words: "Webhook to https://…; email to a@b, c@d". */
export function describeChannels(subscription: Subscription): string {
  return [
    subscription.webhookUrl ? `Webhook to ${subscription.webhookUrl}` : null,
    subscription.emailAddresses ? `Email to ${subscription.emailAddresses.join(", ")}` : null,
  ]
    .filter(Boolean)
    .join("; ");
}

export function describeStanding(standing: SubscriptionStanding): string {
  switch (standing.state) {
    case "enabled":
      return "Enabled";
    case "expired":
      return "Expired";
    case "deleted":
      return `Deleted ${formatDateTime(standing.since)}`;
    case "disabled":
      return `Disabled ${formatDateTime(standing.since)}: ${standing.reason ?? "no reason recorded"}`;
  }
}
