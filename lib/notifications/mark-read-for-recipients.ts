import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts as receipts, users } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { fieldValidationError } from "@/lib/api/problem";
import { isIdHandle } from "./contract/seed-user";

/** The recipient a service named (onBehalfOf), as the audit and the activity history name them. */
export type NamedRecipient = { id: string; fullName: string; email: string };

export type RecipientsMarkedRead = {
  /** The one recipient named, or null: every recipient's copy. */
  onBehalfOf: NamedRecipient | null;
  /** Whether any copy it covers was already read before (the activity's oldData). */
  wasRead: boolean;
  /** How many copies this request marked read (already read ones keep their first reading). */
  newlyRead: number;
};

/**
 * A client service's IsRead (PATCH /api/v1/notifications/{id}), in the caller's transaction: the
 * named recipient's live copy, or with nobody named every recipient's, marked read from now; a copy
 * read before keeps its first time. A name that is not a recipient of this notification is a 400 on
 * onBehalfOf, whether or not the directory knows them (the same answer, so it says nothing about
 * people outside the notification); a notification with no inbox copies at all is a 409. The
 * caller has checked that it may read the notification and record IsRead.
 */
export async function markReadForRecipients(
  tx: Database,
  notificationId: string,
  onBehalfOf: string | undefined,
  now: Date,
): Promise<RecipientsMarkedRead> {
  const live = and(eq(receipts.notificationId, notificationId), isNull(receipts.deletedAt));
  if (onBehalfOf === undefined) {
    const [copies] = await tx
      .select({ all: sql<number>`count(*)::int`, read: sql<number>`count(${receipts.readAt})::int` })
      .from(receipts)
      .where(live);
    if (!copies || copies.all === 0)
      throw new ApiError("conflict", "This notification is in nobody's inbox, so there is no copy to mark read");
    const marked =
      copies.read < copies.all
        ? await tx
            .update(receipts)
            .set({ readAt: now })
            .where(and(live, isNull(receipts.readAt)))
            .returning({ userId: receipts.userId })
        : [];
    return { onBehalfOf: null, wasRead: copies.read > 0, newlyRead: marked.length };
  }

  const handle = onBehalfOf.toLowerCase();
  const [recipient] = await tx
    .select({ id: users.id, name: users.name, email: users.email, readAt: receipts.readAt })
    .from(receipts)
    .innerJoin(users, eq(users.id, receipts.userId))
    .where(
      and(
        live,
        isIdHandle(handle)
          ? or(eq(users.id, handle), eq(users.personId, handle))
          : sql`lower(${users.email}) = ${handle}`,
      ),
    )
    .limit(1);
  if (!recipient)
    throw fieldValidationError([
      { path: "onBehalfOf", message: "No recipient of this notification has this id or email address" },
    ]);
  if (recipient.readAt === null) {
    await tx
      .update(receipts)
      .set({ readAt: now })
      .where(and(eq(receipts.notificationId, notificationId), eq(receipts.userId, recipient.id)));
  }
  return {
    onBehalfOf: { id: recipient.id, fullName: recipient.name, email: recipient.email ?? "" },
    wasRead: recipient.readAt !== null,
    newlyRead: recipient.readAt === null ? 1 : 0,
  };
}
