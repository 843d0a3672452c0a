import type { DeliveryChannel } from "@/db/schema";
import { isFailedDeliveryStatus } from "./statuses";

// GOV.UK Notify's callbacks and status answers carry a status, not a reason: its documentation
// says what each failure means for each kind of message. Subscribers to
// delivery.updated get that meaning as the reason when we have no words of our own (a rejection's
// or a give-up's error).

const meanings: Record<string, Partial<Record<DeliveryChannel, string>> & { any?: string }> = {
  "permanent-failure": {
    email: "The email address does not exist",
    sms: "The phone number does not exist or is not in service",
    letter: "GOV.UK Notify could not print or post the letter",
  },
  "temporary-failure": {
    email: "The inbox was full or not accepting messages when Notify tried",
    sms: "The phone was off or not accepting messages when Notify tried",
  },
  "technical-failure": { any: "A technical failure at GOV.UK Notify; it was not sent" },
  "validation-failed": { any: "The letter's content or layout failed GOV.UK Notify's checks" },
  "virus-scan-failed": { any: "GOV.UK Notify found a virus in the letter's file" },
};

/**
 * Why a delivery failed, in words: our own error when we have one, else Notify's meaning of the
 * status. Null for a status that is not a failure.
 */
export function failureReason(channel: DeliveryChannel, status: string, error: string | null): string | null {
  if (!isFailedDeliveryStatus(status)) return null;
  if (error) return error;
  const meaning = meanings[status];
  return meaning ? (meaning[channel] ?? meaning.any ?? null) : null;
}
