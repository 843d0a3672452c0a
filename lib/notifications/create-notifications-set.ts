import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { insertJsonRows } from "@/db/insert-json-rows";
import { pipelined } from "@/db/pipeline";
import { deliveries, notifications, teams, type Delivery, type Notification } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { enqueueDeliverySends } from "@/lib/delivery/queue";
import { recordNotificationEvents } from "@/lib/realtime/record-event";
import { rememberSetForDigests } from "@/lib/rules/digest-items";
import { addPreferredCopiesForSet } from "@/lib/rules/preferred-copies";
import type { CreateNotificationBody } from "./contract/create-notification-body";
import {
  addressedUserIdsOf,
  channelDeliveryValues,
  deliveryStatusOf,
  notificationValuesOf,
  requestedRecipientOf,
  type CreatedNotification,
} from "./create-notification";
import type { AddressedPerson } from "./directory-recipient";
import { audiencePairsOfNotifications, fanOut } from "./fan-out";
import { toNotificationResponse } from "./to-response";

// createNotification for many bodies at once: a handful of statements whatever their number
// (notifications, receipts, deliveries, preferred copies, digest items, send jobs, live events),
// so a bulk request or a rule's sweep of 10,000 costs what ten did. Rows get their ids here, so
// what each statement returns is matched to its body by id rather than by the order of RETURNING.

/**
 * A body whose people the pipeline has checked: `person` is whom a userId or personId names,
 * `listed` the people a recipients list names by id.
 */
export type SetEntry = { body: CreateNotificationBody; person: AddressedPerson | null; listed?: AddressedPerson[] };

/** A created notification, or the team it names that reached nobody and does not exist (a 400 for the caller). */
export type SetCreated = { created: CreatedNotification; unknownTeam: string | null };

/**
 * Whether createNotificationsSet makes this body exactly as createNotification would: any recipient
 * but the residents of a property (their deliveries follow each resident's preferences), and no
 * attachment (its document is stored per notification).
 */
export function fitsCreateSet(body: CreateNotificationBody): boolean {
  const requested = requestedRecipientOf(body);
  return !body.attachment && !(requested && "residentsOf" in requested);
}

/** Creates every entry (each must fit: fitsCreateSet) in the caller's transaction; results in entry order. */
export async function createNotificationsSet(
  tx: Database,
  caller: Caller,
  entries: SetEntry[],
  options: { freeTextSms?: boolean } = {},
): Promise<SetCreated[]> {
  if (entries.length === 0) return [];
  const rows = entries.map(({ body, person, listed }) => ({
    id: randomUUID(),
    ...notificationValuesOf(caller, body, person, options.freeTextSms ?? false, listed),
  }));
  const addressedIds = rows.flatMap((row) => (row.recipientKind ? [row.id] : []));
  const audiences = audiencePairsOfNotifications(addressedIds);
  // The rows, their receipts and their live events in one round trip: fan-out reads the rows it
  // follows, and each statement's parameters are known before any is sent.
  const [inserted, reachedRows] = await pipelined([
    insertJsonRows(tx, notifications, rows),
    addressedIds.length > 0 ? fanOut(tx, audiences) : Promise.resolve([]),
    recordNotificationEvents(
      tx,
      rows.map((row) => ({ type: "notification.created", notificationId: row.id })),
    ),
  ]);
  const stored = new Map(inserted.map((row) => [row.id, row]));
  const created = rows.map((row) => stored.get(row.id)!);
  const addressed = created.filter((notification) => notification.recipientKind !== null);
  const reached = groupBy(reachedRows, (row) => row.notificationId);
  const channelDeliveries = await addChannelDeliveries(tx, entries, created);
  const preferredCopies =
    addressed.length > 0
      ? await addPreferredCopiesForSet(
          tx,
          addressed.map((notification) => ({ notification, status: deliveryStatusOf(notification.sendAt) })),
          audiences,
        )
      : [];
  if (addressed.length > 0) await rememberSetForDigests(tx, addressed, audiences);
  const sendAtOf = new Map(created.map((notification) => [notification.id, notification.sendAt]));
  await enqueueDeliverySends(
    tx,
    [...channelDeliveries.flat(), ...preferredCopies].map((delivery) => ({
      id: delivery.id,
      sendAt: sendAtOf.get(delivery.notificationId),
    })),
  );
  const unknownTeams = await unknownTeamsOf(tx, created, reached);

  return entries.map(({ person, listed }, index) => {
    const notification = created[index]!;
    const ownDeliveries = channelDeliveries[index]!;
    return {
      created: {
        notification: toNotificationResponse(notification, { readAt: null, archivedAt: null }, ownDeliveries),
        recipientUserIds: (reached.get(notification.id) ?? []).map((row) => row.userId),
        addressedUserIds: addressedUserIdsOf(person, listed ?? [], ownDeliveries),
        person,
      },
      unknownTeam:
        notification.recipientTeam && unknownTeams.has(notification.recipientTeam) ? notification.recipientTeam : null,
    };
  });
}

/** One delivery per channel per body, in one statement; each body's in its channels' order. */
async function addChannelDeliveries(tx: Database, entries: SetEntry[], created: Notification[]): Promise<Delivery[][]> {
  const perEntry = entries.map(({ body, person, listed }, index) => {
    const notification = created[index]!;
    return channelDeliveryValues(notification.id, body, person, deliveryStatusOf(notification.sendAt), listed).map(
      (values) => ({ id: randomUUID(), ...values }),
    );
  });
  const stored = new Map((await insertJsonRows(tx, deliveries, perEntry.flat())).map((row) => [row.id, row]));
  return perEntry.map((values) => values.map((row) => stored.get(row.id)!));
}

/**
 * The teams named by notifications that reached nobody and that do not exist: checked only for
 * those, in one query, as createNotification checks only when fan-out finds nobody.
 */
async function unknownTeamsOf(
  tx: Database,
  created: Notification[],
  reached: Map<string, unknown[]>,
): Promise<Set<string>> {
  const unreached = new Set(
    created.flatMap((notification) =>
      notification.recipientTeam && !reached.has(notification.id) ? [notification.recipientTeam] : [],
    ),
  );
  if (unreached.size === 0) return new Set();
  const found = await tx
    .select({ key: teams.key })
    .from(teams)
    .where(inArray(teams.key, [...unreached]));
  for (const { key } of found) unreached.delete(key);
  return unreached;
}

function groupBy<Item>(items: Item[], keyOf: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
