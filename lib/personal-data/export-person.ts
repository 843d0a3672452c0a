import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  activities,
  deliveries,
  documents,
  notificationActions,
  notificationPreferences,
  notificationReceipts,
  notifications,
  type User,
} from "@/db/schema";
import { toPersonResponse, type PersonRow } from "@/lib/directory/people";
import { addressedTo } from "./addressed-to";

// Subject access: everything held about one person as one JSON document, written section by section
// and each section read in keyset batches, so a long history streams instead of filling memory.

const batchSize = 500;

/** Rows of one query in batches by a unique, ordered key. */
async function* inBatches<Row>(
  readBatch: (after: string | null) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): AsyncGenerator<Row> {
  let after: string | null = null;
  for (;;) {
    const rows = await readBatch(after);
    yield* rows;
    if (rows.length < batchSize) return;
    after = keyOf(rows.at(-1)!);
  }
}

function sections(db: Database, user: User): Record<string, () => AsyncGenerator<unknown>> {
  const aboutThem = [user.id, ...(user.personId ? [user.personId] : [])];
  const theirNotifications = addressedTo(user);
  return {
    notifications: () =>
      inBatches(
        (after) =>
          db
            .select()
            .from(notifications)
            .where(and(theirNotifications, after ? gt(notifications.id, after) : undefined))
            .orderBy(asc(notifications.id))
            .limit(batchSize),
        (row) => row.id,
      ),
    receipts: () =>
      inBatches(
        (after) =>
          db
            .select()
            .from(notificationReceipts)
            .where(
              and(
                eq(notificationReceipts.userId, user.id),
                after ? gt(notificationReceipts.notificationId, after) : undefined,
              ),
            )
            .orderBy(asc(notificationReceipts.notificationId))
            .limit(batchSize),
        (row) => row.notificationId,
      ),
    actions: () =>
      inBatches(
        (after) =>
          db
            .select()
            .from(notificationActions)
            .where(
              and(
                eq(notificationActions.performedByUserId, user.id),
                after ? gt(notificationActions.id, after) : undefined,
              ),
            )
            .orderBy(asc(notificationActions.id))
            .limit(batchSize),
        (row) => row.id,
      ),
    deliveries: () =>
      inBatches(
        (after) =>
          db
            .select()
            .from(deliveries)
            .where(
              and(
                or(
                  eq(deliveries.userId, user.id),
                  sql`${deliveries.notificationId} in (select ${notifications.id} from ${notifications} where ${theirNotifications})`,
                ),
                after ? gt(deliveries.id, after) : undefined,
              ),
            )
            .orderBy(asc(deliveries.id))
            .limit(batchSize),
        (row) => row.id,
      ),
    // The files' details; the files themselves are opened by uid (GET /api/v1/documents/{uid}).
    documents: () =>
      inBatches(
        (after) =>
          db
            .select({
              uid: documents.uid,
              notificationId: documents.notificationId,
              contentType: documents.contentType,
              filename: documents.filename,
              byteSize: documents.byteSize,
              createdAt: documents.createdAt,
              redactedAt: documents.redactedAt,
            })
            .from(documents)
            .where(
              and(
                sql`${documents.notificationId} in (select ${notifications.id} from ${notifications} where ${theirNotifications})`,
                after ? gt(documents.uid, after) : undefined,
              ),
            )
            .orderBy(asc(documents.uid))
            .limit(batchSize),
        (row) => row.uid,
      ),
    preferences: () =>
      inBatches(
        (after) =>
          db
            .select()
            .from(notificationPreferences)
            .where(
              and(
                eq(notificationPreferences.userId, user.id),
                after ? gt(notificationPreferences.category, after) : undefined,
              ),
            )
            .orderBy(asc(notificationPreferences.category))
            .limit(batchSize),
        (row) => row.category,
      ),
    activities: () =>
      inBatches(
        (after) =>
          db
            .select()
            .from(activities)
            .where(
              and(
                or(
                  sql`${activities.targetId} in (${sql.join(
                    aboutThem.map((id) => sql`${id}::uuid`),
                    sql`, `,
                  )})`,
                  sql`${activities.authorDetails} ->> 'id' = ${user.id}`,
                  sql`${activities.onBehalfOf} ->> 'id' = ${user.id}`,
                ),
                after ? gt(activities.id, after) : undefined,
              ),
            )
            .orderBy(asc(activities.id))
            .limit(batchSize),
        (row) => row.id,
      ),
  };
}

/**
 * The person's subject-access document as chunks of JSON text: `{ exportedAt, person, notifications,
 * receipts, actions, deliveries, documents, preferences, activities }`. Reads with the database's
 * view at each batch; a caseworker exporting while the person is being written to may see the newer rows.
 */
export async function* exportPerson(db: Database, row: PersonRow): AsyncGenerator<string> {
  const person = { ...toPersonResponse(row), erasedAt: row.user.erasedAt?.toISOString() ?? null };
  yield `{"exportedAt":${JSON.stringify(new Date().toISOString())},"person":${JSON.stringify(person)}`;
  for (const [name, rows] of Object.entries(sections(db, row.user))) {
    yield `,${JSON.stringify(name)}:[`;
    let first = true;
    for await (const item of rows()) {
      yield `${first ? "" : ","}${JSON.stringify(item)}`;
      first = false;
    }
    yield "]";
  }
  yield "}";
}

/** The export as a byte stream for a Response body. */
export function exportPersonStream(db: Database, row: PersonRow): ReadableStream<Uint8Array> {
  const chunks = exportPerson(db, row);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
