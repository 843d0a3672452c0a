import type { ApiClient, Subscription } from "@/db/schema";
import type { SubscriptionResponse } from "./contract";
import type { EventType } from "./event-types";

/** The client fields a subscription shows (seed 002's organisation and partyIds). */
export type SubscriptionClient = Pick<ApiClient, "organisation" | "partyIds">;

/** A subscription as the API answers it: never its secret. */
export function toSubscriptionResponse(row: Subscription, client: SubscriptionClient): SubscriptionResponse {
  return {
    id: row.id,
    eventType: row.eventType as EventType,
    filters: Object.fromEntries(Object.entries(row.filters).filter(([, value]) => value !== undefined)),
    contactEmails: row.contactEmails,
    expiresOn: row.expiresOn,
    clientId: row.clientId,
    organisation: client.organisation,
    partyIds: client.partyIds,
    notificationChannels: {
      ...(row.webhookUrl ? { webhook: { url: row.webhookUrl } } : {}),
      ...(row.emailAddresses ? { email: { addresses: row.emailAddresses } } : {}),
    },
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
