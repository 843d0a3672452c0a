import { and, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  deliveries,
  deliveryStatusEvents,
  idempotencyKeys,
  notificationActions,
  notifications,
  users,
  type User,
} from "@/db/schema";
import { withActivityGuard } from "@/lib/activity/append-only-guards";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError } from "@/lib/api/errors";
import { recordDeliveryStatus } from "@/lib/delivery/record-status";
import type { Caller } from "@/lib/auth/caller";
import { addressedTo } from "./addressed-to";
import { eraseActivities } from "./erase-activities";
import { erasureSourceDomain, findErasureRecord } from "./erasure-record";
import { emptyDocumentsOf, emptyDocumentsMentioning } from "./redact-documents";
import {
  erased,
  eraseJson,
  identifiersOf,
  mentionsPerson,
  scrubJson,
  scrubText,
  type PersonIdentifiers,
} from "./identifiers";

/** How many rows of each kind erasure changed: what its audit entry and its answer report. */
export type ErasureCounts = {
  notifications: number;
  notificationActions: number;
  deliveries: number;
  /** Emails, texts and letters to the person not yet handed to Notify: cancelled, as nothing is left to send them to. */
  unsentDeliveriesCancelled: number;
  deliveryStatusEvents: number;
  documents: number;
  activities: number;
  idempotentResponses: number;
};

export type ErasureOutcome = { personId: string; erasedAt: string; alreadyErased: boolean; counts: ErasureCounts };

// Kept importable from here, where erasure writes its entry (lib/personal-data/erasure-record.ts reads it).
export { erasureSourceDomain };

/**
 * Erases one person's details everywhere they appear, in the caller's transaction: the directory row,
 * the notifications addressed to them or mentioning them, their deliveries and documents, the audit
 * trails (through the guarded redaction the triggers allow), replayable responses; then records who
 * erased them and how many rows changed. A second call finds the first one's entry and answers it.
 */
export async function erasePerson(tx: Database, caller: Caller, id: string): Promise<ErasureOutcome> {
  const [person] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!person) throw new ApiError("not_found", "No person with this id");
  if (person.erasedAt) return previousErasure(tx, person);

  const { everywhere, connected } = identifiersOf(person);
  const now = new Date();
  const addressedIds = await notificationsAddressedTo(tx, person);
  const counts: ErasureCounts = {
    notifications: await redactNotifications(tx, person, addressedIds, { everywhere, connected }, now),
    notificationActions: 0,
    deliveries: await redactDeliveries(tx, person, addressedIds, everywhere, now),
    unsentDeliveriesCancelled: await cancelUnsentDeliveries(tx, person, addressedIds),
    deliveryStatusEvents: await scrubStatusEvents(tx, everywhere),
    documents: (await emptyDocumentsOf(tx, addressedIds, now)) + (await emptyDocumentsMentioning(tx, everywhere, now)),
    activities: 0,
    idempotentResponses: await forgetReplayableResponses(tx, everywhere),
  };
  await withActivityGuard(tx, "erasePersonalData", async (guarded) => {
    counts.notificationActions = await redactActions(guarded, person, addressedIds, everywhere);
    counts.activities = await eraseActivities(guarded, person, { everywhere, connected });
  });
  await tx
    .update(users)
    .set({
      name: erased,
      email: null,
      mobileNumber: null,
      addressLines: [],
      postcode: null,
      // The council's ids for them and their homes go too: nothing links the row to a person any more,
      // and an import naming that personId adds a new person rather than filling this row again.
      personId: null,
      tenureIds: [],
      propertyIds: [],
      preferredChannel: null,
      ssoIssuer: null,
      ssoSubject: null,
      disabledAt: person.disabledAt ?? now,
      erasedAt: now,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: now,
    })
    .where(eq(users.id, id));
  await recordActivities(tx, caller, [
    {
      targetType: "directoryPerson",
      targetId: id,
      type: "update",
      oldData: null,
      newData: { erasedAt: now.toISOString(), counts },
      sourceDomain: erasureSourceDomain,
    },
  ]);
  return { personId: id, erasedAt: now.toISOString(), alreadyErased: false, counts };
}

async function previousErasure(tx: Database, person: User): Promise<ErasureOutcome> {
  const record = await findErasureRecord(tx, person.id);
  return {
    personId: person.id,
    erasedAt: person.erasedAt!.toISOString(),
    alreadyErased: true,
    counts: record?.counts ?? emptyCounts(),
  };
}

const emptyCounts = (): ErasureCounts => ({
  notifications: 0,
  notificationActions: 0,
  deliveries: 0,
  unsentDeliveriesCancelled: 0,
  deliveryStatusEvents: 0,
  documents: 0,
  activities: 0,
  idempotentResponses: 0,
});

/** The ids of the notifications written to the person (lib/personal-data/addressed-to.ts). */
async function notificationsAddressedTo(tx: Database, person: User): Promise<string[]> {
  const rows = await tx.select({ id: notifications.id }).from(notifications).where(addressedTo(person));
  return rows.map((row) => row.id);
}

type Identifiers = { everywhere: PersonIdentifiers; connected: PersonIdentifiers };

async function redactNotifications(
  tx: Database,
  person: User,
  addressedIds: string[],
  identifiers: Identifiers,
  now: Date,
): Promise<number> {
  const rows = await tx
    .select()
    .from(notifications)
    .where(
      or(
        addressedIds.length > 0 ? inArray(notifications.id, addressedIds) : undefined,
        eq(notifications.performedActionUserId, person.id),
        mentionsPerson(
          [
            notifications.message,
            notifications.actionNote,
            notifications.performedActionDoneBy,
            notifications.firstName,
            notifications.lastName,
            notifications.email,
            notifications.mobileNumber,
            notifications.userAsGiven,
            sql`${notifications.address}::text`,
            sql`${notifications.personalisation}::text`,
          ],
          identifiers.everywhere,
        ),
      ),
    );
  let changed = 0;
  for (const row of rows) {
    const addressed = addressedIds.includes(row.id);
    const scrub = (text: string | null) => (text === null ? null : scrubText(text, identifiers.everywhere));
    const update = addressed
      ? {
          email: null,
          mobileNumber: null,
          userAsGiven: null,
          firstName: null,
          lastName: null,
          address: null,
          personalisation: row.personalisation ? eraseJson(row.personalisation) : null,
          message: row.message === null ? null : erased,
          actionNote: row.actionNote === null ? null : erased,
          redactedAt: row.redactedAt ?? now,
        }
      : {
          email: scrub(row.email),
          mobileNumber: scrub(row.mobileNumber),
          userAsGiven: scrub(row.userAsGiven),
          firstName: scrub(row.firstName),
          lastName: scrub(row.lastName),
          address: row.address ? scrubJson(row.address, identifiers.everywhere) : null,
          personalisation: row.personalisation ? scrubJson(row.personalisation, identifiers.everywhere) : null,
          message: scrub(row.message),
          actionNote: scrub(row.actionNote),
        };
    const performedActionDoneBy =
      row.performedActionUserId === person.id && row.performedActionDoneBy !== null
        ? erased
        : scrub(row.performedActionDoneBy);
    const changes = { ...update, performedActionDoneBy };
    // A row found by the broad text search may hold the name only inside a longer word: left as it is.
    if (!differs(row, changes)) continue;
    await tx.update(notifications).set(changes).where(eq(notifications.id, row.id));
    changed += 1;
  }
  return changed;
}

/** Whether any of these values differs from the row's. */
const differs = (row: Record<string, unknown>, changes: Record<string, unknown>) =>
  Object.entries(changes).some(([key, value]) => JSON.stringify(value) !== JSON.stringify(row[key]));

async function redactDeliveries(
  tx: Database,
  person: User,
  addressedIds: string[],
  everywhere: PersonIdentifiers,
  now: Date,
): Promise<number> {
  const rows = await tx
    .select({
      id: deliveries.id,
      notificationId: deliveries.notificationId,
      userId: deliveries.userId,
      personalisation: deliveries.personalisation,
      error: deliveries.error,
    })
    .from(deliveries)
    .where(
      or(
        addressedIds.length > 0 ? inArray(deliveries.notificationId, addressedIds) : undefined,
        eq(deliveries.userId, person.id),
        mentionsPerson([sql`${deliveries.personalisation}::text`, deliveries.error], everywhere),
      ),
    );
  let changed = 0;
  for (const row of rows) {
    const theirs = row.userId === person.id || addressedIds.includes(row.notificationId);
    const changes = {
      personalisation: row.personalisation
        ? theirs
          ? eraseJson(row.personalisation)
          : scrubJson(row.personalisation, everywhere)
        : null,
      error: row.error === null ? null : scrubText(row.error, everywhere),
      ...(theirs ? { redactedAt: now } : {}),
    };
    if (!theirs && !differs(row, changes)) continue;
    await tx.update(deliveries).set(changes).where(eq(deliveries.id, row.id));
    changed += 1;
  }
  return changed;
}

async function cancelUnsentDeliveries(tx: Database, person: User, addressedIds: string[]): Promise<number> {
  const unsent = await tx
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        or(
          eq(deliveries.userId, person.id),
          addressedIds.length > 0 ? inArray(deliveries.notificationId, addressedIds) : undefined,
        ),
        isNull(deliveries.notifyId),
        inArray(deliveries.status, ["pending", "scheduled"]),
      ),
    );
  let cancelled = 0;
  for (const { id } of unsent) {
    const message = "Not sent: the recipient's details were erased";
    if (await recordDeliveryStatus(tx, id, { status: "cancelled", source: "worker", error: message, detail: message }))
      cancelled += 1;
  }
  return cancelled;
}

async function scrubStatusEvents(tx: Database, everywhere: PersonIdentifiers): Promise<number> {
  const rows = await tx
    .select({ id: deliveryStatusEvents.id, detail: deliveryStatusEvents.detail })
    .from(deliveryStatusEvents)
    .where(and(isNotNull(deliveryStatusEvents.detail), mentionsPerson([deliveryStatusEvents.detail], everywhere)));
  let changed = 0;
  for (const row of rows) {
    const detail = scrubText(row.detail!, everywhere);
    if (detail === row.detail) continue;
    await tx.update(deliveryStatusEvents).set({ detail }).where(eq(deliveryStatusEvents.id, row.id));
    changed += 1;
  }
  return changed;
}

/** Replayed answers to Idempotency-Keys that quote the person: dropped (they live 24 hours anyway). */
async function forgetReplayableResponses(tx: Database, everywhere: PersonIdentifiers): Promise<number> {
  const dropped = await tx
    .delete(idempotencyKeys)
    .where(mentionsPerson([sql`${idempotencyKeys.responseBody}::text`], everywhere))
    .returning({ key: idempotencyKeys.key });
  return dropped.length;
}

/** The notification audit trail: the person's name where they acted, notes on their items or naming them. */
async function redactActions(
  tx: Database,
  person: User,
  addressedIds: string[],
  everywhere: PersonIdentifiers,
): Promise<number> {
  const rows = await tx
    .select()
    .from(notificationActions)
    .where(
      or(
        eq(notificationActions.performedByUserId, person.id),
        addressedIds.length > 0
          ? and(inArray(notificationActions.notificationId, addressedIds), isNotNull(notificationActions.actionNote))
          : undefined,
        mentionsPerson([notificationActions.actionNote, notificationActions.performedBy], everywhere),
      ),
    );
  let changed = 0;
  for (const row of rows) {
    const performedBy = row.performedByUserId === person.id ? erased : scrubText(row.performedBy, everywhere);
    const actionNote =
      row.actionNote === null
        ? null
        : addressedIds.includes(row.notificationId)
          ? erased
          : scrubText(row.actionNote, everywhere);
    if (performedBy === row.performedBy && actionNote === row.actionNote) continue;
    await tx.update(notificationActions).set({ performedBy, actionNote }).where(eq(notificationActions.id, row.id));
    changed += 1;
  }
  return changed;
}
