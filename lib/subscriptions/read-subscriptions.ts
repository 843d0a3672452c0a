import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiClients, subscriptions, type Subscription } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { afterPosition, positionAt, readPaginationToken, toPage, type Page } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayManageSubscriptions, mayReadSubscription } from "@/lib/auth/policies";
import type { ListSubscriptionsQuery, SubscriptionResponse } from "./contract";
import { toSubscriptionResponse, type SubscriptionClient } from "./to-response";

// Reading a client's own subscriptions through the API. Deleted ones are gone from here (their
// messages keep them for the admin page).

export type SubscriptionRow = { subscription: Subscription; client: SubscriptionClient };

const selectSubscriptions = (db: Database) =>
  db
    .select({
      subscription: subscriptions,
      client: { organisation: apiClients.organisation, partyIds: apiClients.partyIds },
      at: positionAt(subscriptions.createdAt),
    })
    .from(subscriptions)
    .innerJoin(apiClients, eq(apiClients.id, subscriptions.clientId));

/** The caller's own live subscription with this id; another client's, a deleted one or none is a 404. */
export async function getOwnSubscriptionRowOrThrow(db: Database, caller: Caller, id: string): Promise<SubscriptionRow> {
  authorize(caller, mayManageSubscriptions);
  const [row] = await selectSubscriptions(db).where(and(eq(subscriptions.id, id), isNull(subscriptions.deletedAt)));
  if (!row) throw new ApiError("not_found", "No subscription with this id");
  authorize(caller, mayReadSubscription, row.subscription);
  return row;
}

export async function getSubscriptionOrThrow(db: Database, caller: Caller, id: string): Promise<SubscriptionResponse> {
  const row = await getOwnSubscriptionRowOrThrow(db, caller, id);
  return toSubscriptionResponse(row.subscription, row.client);
}

/** The caller's subscriptions, newest first, keyset-paged. */
export async function listSubscriptions(
  db: Database,
  caller: Caller,
  query: ListSubscriptionsQuery,
): Promise<Page<SubscriptionResponse>> {
  authorize(caller, mayManageSubscriptions);
  const after = readPaginationToken(query.paginationToken);
  const rows = await selectSubscriptions(db)
    .where(
      and(
        eq(subscriptions.clientId, caller.id),
        isNull(subscriptions.deletedAt),
        afterPosition({ at: subscriptions.createdAt, id: subscriptions.id }, after),
      ),
    )
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(query.pageSize + 1);
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.subscription.id }),
    (row) => toSubscriptionResponse(row.subscription, row.client),
  );
}
