import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { subscriptionMessages, subscriptions, type SubscriptionChannel } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayAdministerSubscriptions } from "@/lib/auth/policies";
import { recordSubscriptionAudit } from "./audit";
import { maxReplayLimit } from "./messages-contract";
import { enqueueSubscriptionMessages } from "./queue";
import { isLive, replayMatching, type ReplayOutcome } from "./replay-messages";

// What an administrator does to one subscription from /admin/subscriptions/[id]. Each change is one
// transaction with its audit entry (the administrator as author).

/** The type a test event's payload carries, so a receiver can tell it from a real event. */
export const testEventType = "test.event";

async function liveRowOrThrow(db: Database, id: string) {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, id), isNull(subscriptions.deletedAt)));
  if (!row) throw new ApiError("not_found", "No subscription with this id, or it was deleted");
  return row;
}

/**
 * Disables (deliveries stop, the reason shown to the admin and in the API) or enables again (the
 * run of failures starts afresh, so five old days of failing do not disable it at once).
 */
export async function setSubscriptionEnabled(
  db: Database,
  admin: Caller,
  id: string,
  enabled: boolean,
  now = new Date(),
): Promise<void> {
  authorize(admin, mayAdministerSubscriptions);
  await db.transaction(async (tx) => {
    const row = await liveRowOrThrow(tx, id);
    const reason = `Disabled by an administrator (${admin.name})`;
    await tx
      .update(subscriptions)
      .set(
        enabled
          ? { disabledAt: null, disabledReason: null, failingSince: null, updatedAt: now }
          : { disabledAt: now, disabledReason: reason, updatedAt: now },
      )
      .where(eq(subscriptions.id, id));
    await recordSubscriptionAudit(tx, admin, {
      clientId: row.clientId,
      subscriptionId: id,
      action: enabled ? "enable" : "disable",
      details: { before: { disabledAt: row.disabledAt, disabledReason: row.disabledReason } },
    });
  });
}

/**
 * A message with a test payload on each of the subscription's channels, queued at once (trigger
 * `test`), so an administrator can see a receiver answer. Its event id is new: it replaces nothing.
 * A disabled or expired subscription takes none: the worker would fail it unsent, leaving a failed
 * message that a replay of failed messages would then count.
 */
export async function sendTestEvent(db: Database, admin: Caller, id: string, now = new Date()): Promise<string[]> {
  authorize(admin, mayAdministerSubscriptions);
  return db.transaction(async (tx) => {
    const row = await liveRowOrThrow(tx, id);
    if (!isLive(row, now))
      throw new ApiError(
        "conflict",
        "This subscription is disabled or expired, so a test event would not be delivered",
      );
    const channels: SubscriptionChannel[] = [
      ...(row.webhookUrl ? (["webhook"] as const) : []),
      ...(row.emailAddresses ? (["email"] as const) : []),
    ];
    const eventId = randomUUID();
    const payload = {
      type: testEventType,
      timestamp: now.toISOString(),
      data: { subscriptionId: id, eventType: row.eventType, note: "A test event sent by an administrator" },
    };
    const ids = channels.map(() => randomUUID());
    await tx.insert(subscriptionMessages).values(
      channels.map((channel, index) => ({
        id: ids[index],
        subscriptionId: id,
        channel,
        eventType: testEventType,
        eventId,
        payload,
        createdAt: now,
      })),
    );
    await enqueueSubscriptionMessages(
      tx,
      ids.map((messageId) => ({ messageId, trigger: "test" })),
    );
    await recordSubscriptionAudit(tx, admin, {
      clientId: row.clientId,
      subscriptionId: id,
      action: "test-event",
      details: { messageIds: ids, payload },
    });
    return ids;
  });
}

/** Replays (or, as a dry run, counts) one subscription's failed messages, up to the system maximum. */
export async function replayFailedMessages(
  db: Database,
  admin: Caller,
  id: string,
  dryRun: boolean,
  now = new Date(),
): Promise<ReplayOutcome> {
  authorize(admin, mayAdministerSubscriptions);
  const [row] = await db
    .select({ clientId: subscriptions.clientId })
    .from(subscriptions)
    .where(eq(subscriptions.id, id));
  if (!row) throw new ApiError("not_found", "No subscription with this id");
  const criteria = { status: "fail" as const, filters: {}, limit: maxReplayLimit };
  return replayMatching(db, admin, { clientId: row.clientId, subscriptionId: id }, criteria, {
    dryRun,
    request: { ...criteria, subscriptionId: id, dryRun },
    now,
  });
}
