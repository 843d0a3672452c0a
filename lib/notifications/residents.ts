import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { DeliveryChannel, Notification, NotificationType } from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";
import type { CreateNotificationBody } from "./contract/create-notification-body";

// recipient { residentsOf: { propertyId } }: every active resident linked to a property (a flat, or
// the block it is in; users_property_ids_idx answers `property_ids @> …` with one index probe),
// each sent one copy on their own channel. Set-based, so a block of hundreds is one statement.

/** A resident no allowed channel reaches, with why, listed in the create answer. */
export type UnreachableResident = { userId: string; reason: string };

const detailNames: Record<DeliveryChannel, string> = {
  email: "email address",
  sms: "mobile number",
  letter: "postal address",
};

/** Whether the directory has what a channel needs, for users aliased `u`. */
const hasDetail: Record<DeliveryChannel, SQL> = {
  email: sql`u.email is not null`,
  sms: sql`u.mobile_number is not null`,
  letter: sql`(cardinality(u.address_lines) > 0 and u.postcode is not null)`,
};

const ownChannel: Partial<Record<NotificationType, DeliveryChannel>> = {
  Email: "email",
  Text: "sms",
  Letter: "letter",
};

/** The residents' user ids, as fan-out and preference copies take an audience. */
export function residentsAudience(propertyId: string): SQL {
  return sql`select id as user_id from users
    where property_ids @> array[${propertyId}::uuid] and kind = 'resident' and disabled_at is null`;
}

/** A property nobody active lives at is a 400 naming it, rather than a message that reaches no one. */
export async function residentsProblems(db: Database, propertyId: string): Promise<FieldError[]> {
  const found = rowsOf(await db.execute(sql`${residentsAudience(propertyId)} limit 1`));
  if (found.length > 0) return [];
  return [{ path: "recipient.residentsOf.propertyId", message: `No active resident lives at property ${propertyId}` }];
}

/**
 * The allowed channels in the order a resident without a usable preference tries them: the
 * notification's own channel first (a Text's text), then the others the request allows.
 */
function fallbackOrder(body: Pick<CreateNotificationBody, "notificationType" | "channels">): DeliveryChannel[] {
  const own = ownChannel[body.notificationType];
  return own && body.channels.includes(own)
    ? [own, ...body.channels.filter((channel) => channel !== own)]
    : body.channels;
}

/**
 * One delivery per resident on the channel chosen for them: their preferred channel if the
 * request allows it and the directory has its detail, else the first allowed channel it has a
 * detail for. Each delivery names the resident, so their details are read at send time. Returns
 * the deliveries' ids and the residents no allowed channel reaches.
 */
export async function addResidentDeliveries(
  tx: Database,
  notification: Notification,
  body: CreateNotificationBody,
  { propertyId, status }: { propertyId: string; status: "pending" | "scheduled" },
): Promise<{ deliveryIds: string[]; unreachable: UnreachableResident[] }> {
  const allowed = fallbackOrder(body);
  if (allowed.length === 0) return { deliveryIds: [], unreachable: [] };
  const preferred = allowed.map(
    (channel) => sql`when u.preferred_channel = ${channel}::contact_channel and ${hasDetail[channel]} then ${channel}`,
  );
  const fallback = allowed.map((channel) => sql`when ${hasDetail[channel]} then ${channel}`);
  const templateOf = allowed.map(
    (channel) => sql`when ${channel} then ${(body[`${channel}TemplateId`] ?? body.templateId)!}`,
  );
  const rows = rowsOf<{ user_id: string; delivery_id: string | null }>(
    await tx.execute(sql`
      with residents as (
        select u.id as user_id, case ${sql.join([...preferred, ...fallback], sql` `)} end as channel
        from users u where u.id in (${residentsAudience(propertyId)})
      ), inserted as (
        insert into deliveries (notification_id, channel, status, service_key, template_id, user_id)
        select ${notification.id}::uuid, r.channel::delivery_channel, ${status}, ${body.serviceKey!},
               case r.channel ${sql.join(templateOf, sql` `)} end, r.user_id
        from residents r where r.channel is not null
        returning id, user_id
      )
      select r.user_id, i.id as delivery_id from residents r left join inserted i on i.user_id = r.user_id
      order by r.user_id`),
  );
  const reason = `Has no ${allowed
    .map((channel) => detailNames[channel])
    .join(", ")
    .replace(/, ([^,]*)$/, " or $1")}`;
  return {
    deliveryIds: rows.flatMap((row) => (row.delivery_id ? [row.delivery_id] : [])),
    unreachable: rows.filter((row) => !row.delivery_id).map((row) => ({ userId: row.user_id, reason })),
  };
}
