import type { Database } from "@/db/client";
import { runIdempotently, type StoredResponse } from "@/lib/api/idempotency";
import { enforceLimit, recipientLimiter } from "@/lib/api/rate-limit";
import type { Caller } from "@/lib/auth/caller";
import { createNotification } from "./create-notification";
import type { CreateNotificationBody } from "./contract/create-notification-body";
import { assertTemplatesAccept } from "./validate-personalisation";

export function callerKeyOf(caller: Caller): string {
  return `${caller.kind === "client" ? "client" : "user"}:${caller.id}`;
}

/**
 * POST /api/v1/notifications as one unit: idempotency, the per-recipient cap and the create
 * commit together or not at all. The templates are checked with Notify first, outside the
 * transaction, so no connection is held while Notify answers; a replay answers without asking.
 */
export async function submitNotification(
  db: Database,
  caller: Caller,
  body: CreateNotificationBody,
  idempotencyKey: string | null,
): Promise<StoredResponse & { replayed: boolean }> {
  const check = () => assertTemplatesAccept(body);
  return runIdempotently(
    db,
    { callerKey: callerKeyOf(caller), key: idempotencyKey, request: body, check },
    async (tx) => {
      enforceRecipientCaps(caller, body);
      const { notification } = await createNotification(tx, caller, body);
      return { status: 201, body: notification };
    },
  );
}

/** A buggy caller in a loop must not bury one person, team or phone in messages. */
function enforceRecipientCaps(caller: Caller, body: CreateNotificationBody): void {
  const recipients = [
    body.recipient ? `inbox:${JSON.stringify(body.recipient)}` : undefined,
    body.channels.includes("email") ? `email:${body.email?.toLowerCase()}` : undefined,
    body.channels.includes("sms") ? `sms:${body.mobileNumber}` : undefined,
  ].filter((key): key is string => key !== undefined);
  for (const recipient of recipients) {
    enforceLimit(
      recipientLimiter,
      `${callerKeyOf(caller)}|${recipient}`,
      "Too many notifications to this recipient in the last hour",
    );
  }
}
