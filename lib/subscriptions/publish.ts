import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { textArray, uuidArray } from "@/db/sql-arrays";
import type { Scope, SubscriptionChannel, SubscriptionFilters } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { mayManageSubscriptions, mayReadHistory, mayReadNotification, mayReadVisits } from "@/lib/auth/policies";
import { civilDateIso, toLondonWallTime } from "@/lib/rules/time/london-time";
import { eventPayload, eventTypes, matchesFilters, type EventType } from "./event-types";
import { enqueueSubscriptionMessages } from "./queue";

// The publisher (issue 13, part 2): what happened becomes one stored message per live subscription
// and channel that may hear it, with its delivery job, in the transaction that made it happen. A
// rollback leaves neither message nor job; a producer that runs twice adds nothing.

/**
 * Who may read what the event is about, in the words of the policies (lib/auth/policies.ts):
 * nobody hears what they may not read.
 */
export type EventAccess =
  /** A notification, or one of its emails, texts or letters: read by the client that created it. */
  | { kind: "notification"; createdByClientId: string | null }
  /** An entry in a record's activity history: read as that record's history is. */
  | {
      kind: "history";
      targetType: string;
      targetId: string;
      notification?: { createdByClientId: string | null } | null;
    }
  /** A visit: read by those who may list visits. */
  | { kind: "visits" };

export type PublishedEvent = {
  type: EventType;
  /** The source event's id, stable across retries of the producer (publishing is idempotent on it). */
  id: string;
  at: Date;
  data: Record<string, unknown>;
  access: EventAccess;
};

type LiveSubscription = {
  id: string;
  event_type: EventType;
  filters: SubscriptionFilters;
  has_webhook: boolean;
  has_email: boolean;
  client_id: string;
  client_name: string;
  client_scopes: Scope[] | string;
};

/**
 * Whether the subscribing client may hear the event: it still holds subscriptions:manage (a scope
 * taken away after subscribing ends its deliveries, as revoking the client does) and may read
 * what the event is about.
 */
export function mayHear(caller: ClientCaller, access: EventAccess): boolean {
  if (!mayManageSubscriptions(caller)) return false;
  switch (access.kind) {
    case "notification":
      return mayReadNotification(caller, { createdByClientId: access.createdByClientId, holdsReceipt: false });
    case "history":
      return mayReadHistory(caller, {
        targetType: access.targetType,
        targetId: access.targetId,
        notification: access.notification ? { ...access.notification, holdsReceipt: false } : access.notification,
      });
    case "visits":
      return mayReadVisits(caller);
  }
}

/**
 * Stores and queues the messages for a set of events, in the producer's transaction: one indexed
 * read of the live subscriptions to the event types present (a revoked client's are not live),
 * filters and read rights checked here, one insert of the messages, one insert of their jobs.
 * With no live subscription to these types it costs the one read. Returns the new messages' ids.
 */
export async function publishEvents(tx: Database, events: PublishedEvent[], now: Date = new Date()): Promise<string[]> {
  if (events.length === 0) return [];
  const types = [...new Set(events.map((event) => event.type))];
  const live = await liveSubscriptions(tx, types, now);
  if (live.length === 0) return [];

  const creators = await creatorsOfNotificationsInHistory(tx, events, new Set(live.map((sub) => sub.event_type)));
  const byType = new Map<EventType, LiveSubscription[]>();
  for (const subscription of live)
    byType.set(subscription.event_type, [...(byType.get(subscription.event_type) ?? []), subscription]);
  const rows: MessageRow[] = [];
  for (const event of events) {
    const listeners = byType.get(event.type);
    if (!listeners) continue;
    const facets: SubscriptionFilters = eventTypes[event.type].facetsOf(event.data);
    let payload: ReturnType<typeof eventPayload> | undefined;
    for (const subscription of listeners) {
      if (!matchesFilters(subscription.filters, facets)) continue;
      if (!mayHear(callerOf(subscription), withCreator(event.access, creators))) continue;
      payload ??= eventPayload(event.type, event.at, event.data);
      for (const channel of channelsOf(subscription))
        rows.push({
          subscription_id: subscription.id,
          channel,
          event_type: event.type,
          event_id: event.id,
          payload,
          category: facets.category ?? null,
          notification_type: facets.notificationType ?? null,
          target_type: facets.targetType ?? null,
          target_id: facets.targetId ?? null,
          service_key: facets.serviceKey ?? null,
          source_status: facets.status ?? null,
        });
    }
  }
  if (rows.length === 0) return [];
  const inserted = await insertMessages(tx, rows);
  if (inserted.length > 0)
    await enqueueSubscriptionMessages(
      tx,
      inserted.map((messageId) => ({ messageId })),
    );
  return inserted;
}

/** For history entries on notifications whose creator the producer left out: one read of them all. */
async function creatorsOfNotificationsInHistory(
  tx: Database,
  events: PublishedEvent[],
  heard: Set<EventType>,
): Promise<Map<string, string | null>> {
  const ids = new Set<string>();
  for (const { type, access } of events)
    if (heard.has(type) && access.kind === "history" && access.targetType === "notification")
      if (access.notification === undefined) ids.add(access.targetId);
  if (ids.size === 0) return new Map();
  const rows = rowsOf<{ id: string; created_by_client_id: string | null }>(
    await tx.execute(sql`
      select id, created_by_client_id from notifications where id = any(${uuidArray([...ids])})`),
  );
  return new Map(rows.map((row) => [row.id, row.created_by_client_id]));
}

function withCreator(access: EventAccess, creators: Map<string, string | null>): EventAccess {
  if (access.kind !== "history" || access.targetType !== "notification" || access.notification !== undefined)
    return access;
  const found = creators.has(access.targetId);
  return { ...access, notification: found ? { createdByClientId: creators.get(access.targetId)! } : null };
}

/**
 * Live: not deleted, not disabled (subscriptions_live_event_type_idx), not past the end of its
 * expiresOn in London (lib/subscriptions/expiry.ts expiresAt), of a client not revoked.
 */
async function liveSubscriptions(tx: Database, types: EventType[], now: Date): Promise<LiveSubscription[]> {
  const londonToday = civilDateIso(toLondonWallTime(now));
  return rowsOf<LiveSubscription>(
    await tx.execute(sql`
      select s.id, s.event_type, s.filters, s.webhook_url is not null as has_webhook,
        s.email_addresses is not null as has_email, c.id as client_id, c.name as client_name,
        c.scopes as client_scopes
      from subscriptions s
      join api_clients c on c.id = s.client_id
      where s.event_type = any(${textArray(types)})
        and s.deleted_at is null and s.disabled_at is null
        and s.expires_on >= ${londonToday}::date
        and c.revoked_at is null`),
  );
}

function callerOf(subscription: LiveSubscription): ClientCaller {
  return {
    kind: "client",
    id: subscription.client_id,
    name: subscription.client_name,
    scopes: parseScopes(subscription.client_scopes),
  };
}

// An enum array comes back from a raw query as its text form on some drivers: `{a,b}`.
function parseScopes(scopes: Scope[] | string): Scope[] {
  if (Array.isArray(scopes)) return scopes;
  const inner = scopes.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : (inner.split(",") as Scope[]);
}

function channelsOf(subscription: LiveSubscription): SubscriptionChannel[] {
  return [
    ...(subscription.has_webhook ? ["webhook" as const] : []),
    ...(subscription.has_email ? ["email" as const] : []),
  ];
}

type MessageRow = {
  subscription_id: string;
  channel: SubscriptionChannel;
  event_type: EventType;
  event_id: string;
  payload: unknown;
  category: string | null;
  notification_type: string | null;
  target_type: string | null;
  target_id: string | null;
  service_key: string | null;
  source_status: string | null;
};

// One JSON parameter however many rows (as record-steps.ts does): a fan-out of thousands would
// otherwise bind eleven parameters a row, past Postgres's limit of 65,535.
async function insertMessages(tx: Database, rows: MessageRow[]): Promise<string[]> {
  const result = await tx.execute(sql`
    insert into subscription_messages (subscription_id, channel, event_type, event_id, payload, category,
      notification_type, target_type, target_id, service_key, source_status)
    select m.subscription_id, m.channel, m.event_type, m.event_id, m.payload, m.category,
      m.notification_type, m.target_type, m.target_id, m.service_key, m.source_status
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(subscription_id uuid,
      channel subscription_channel, event_type text, event_id uuid, payload jsonb, category text,
      notification_type text, target_type text, target_id text, service_key text, source_status text)
    on conflict (subscription_id, event_id, channel) where replay_of is null do nothing
    returning id`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}
