import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiClients } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayManageSubscriptions } from "@/lib/auth/policies";
import type { ReplayMessagesBody, ReplayOneResult, ReplayResult } from "./messages-contract";
import { getOwnMessageOrThrow } from "./read-messages";
import { isLive, replayMatching } from "./replay-messages";

// Seed 002's two replay endpoints for a client service: by query (with a dry run) and by id.

const notFound = () => new ApiError("not_found", "No client with this clientId and organisation is visible to you");

/**
 * POST /api/v1/subscription-messages/replay. clientId and organisation default to the caller's
 * own; naming another client or organisation is a 404, as if it did not exist.
 */
export async function replaySubscriptionMessages(
  db: Database,
  caller: Caller,
  body: ReplayMessagesBody,
  now = new Date(),
): Promise<ReplayResult> {
  authorize(caller, mayManageSubscriptions);
  const [client] = await db
    .select({ organisation: apiClients.organisation })
    .from(apiClients)
    .where(eq(apiClients.id, caller.id));
  if (!client) throw notFound();
  if (body.clientId !== undefined && body.clientId !== caller.id) throw notFound();
  if (body.organisation !== undefined && body.organisation !== client.organisation) throw notFound();
  const filters = Object.fromEntries(Object.entries(body.filters ?? {}).filter(([, value]) => value !== undefined));
  const request: ReplayResult["request"] = {
    ...(body.id ? { id: body.id } : {}),
    status: body.status,
    filters,
    limit: body.limit,
    clientId: caller.id,
    organisation: client.organisation,
    dryRun: body.dryRun,
  };
  const outcome = await replayMatching(
    db,
    caller,
    { clientId: caller.id },
    { id: body.id, status: body.status, filters, limit: body.limit },
    { dryRun: body.dryRun, request, now },
  );
  return { id: outcome.auditId, request, results: { matched: outcome.matched, queued: outcome.queued } };
}

/**
 * POST /api/v1/subscription-messages/{id}/replay: one of the caller's messages again, whatever its
 * status. A message whose subscription no longer delivers (deleted, disabled, expired), one still
 * pending and one already replayed are each a 409, decided before anything (the audit entry
 * included) is written.
 */
export async function replaySubscriptionMessage(
  db: Database,
  caller: Caller,
  id: string,
  now = new Date(),
): Promise<ReplayOneResult> {
  const { message, subscription } = await getOwnMessageOrThrow(db, caller, id);
  if (!isLive(subscription, now)) throw subscriptionStopped();
  const outcome = await replayMatching(
    db,
    caller,
    { clientId: caller.id, subscriptionId: subscription.id },
    { id, status: message.status === "sent" ? "sent" : "fail", filters: {}, limit: 1 },
    {
      dryRun: false,
      request: { id },
      now,
      // Found but not live: the subscription stopped after the check above.
      refuseNoneQueued: (found) =>
        found.length > 0
          ? subscriptionStopped()
          : new ApiError(
              "conflict",
              message.status === "pending"
                ? "This message is still being delivered; replay it once it has been sent or has failed"
                : "This message has been replayed since; replay its latest copy",
            ),
    },
  );
  return { id, replayId: outcome.replayIds[0]!, status: "Queued" };
}

const subscriptionStopped = () =>
  new ApiError("conflict", "This message's subscription is deleted, disabled or expired, so nothing is sent");
