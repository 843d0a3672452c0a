import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { Notification } from "@/db/schema";
import { residentHistoryLink } from "@/lib/notifications/follow-on-link";
import { getSettings } from "@/lib/config/settings";
import { configuredServiceKeys } from "@/lib/notify/services";
import { catalogueTemplateId } from "@/lib/notify-simulator/templates";
import { findCategory } from "./categories";

type Channel = "email" | "sms";
type DeliveryStatus = "pending" | "scheduled";

/**
 * The Notify template for a person's own email or text about a category. A council's Notify
 * service names one template per channel (NOTIFY_PREFERENCE_TEMPLATE_EMAIL / _SMS, required with
 * the real Notify) with the fields recipient_name, title, summary, urgent and action_url; the
 * local simulator uses its catalogue template for the category unless those are set.
 */
function preferenceTemplateId(categoryKey: string, channel: Channel): string | undefined {
  const { connection } = getSettings().notify;
  if (connection.kind === "real") return connection.preferenceTemplates[channel];
  return connection.preferenceTemplates[channel] ?? catalogueTemplateId(categoryKey, channel);
}

/**
 * One extra delivery per person in the audience who chose email or text for each notification's
 * category (even with its inbox copy turned off), set-based like the fan-out and in one statement
 * however many notifications: `audiencePairs` is a subquery of (notification_id, user_id), as
 * lib/notifications/fan-out.ts makes them. Each copy is addressed to the person so their current
 * address is used at send time, with the template's fields filled here. Returns each new
 * delivery's id with its notification's.
 */
export async function addPreferredCopiesForSet(
  tx: Database,
  items: { notification: Notification; status: DeliveryStatus }[],
  audiencePairs: SQL,
): Promise<{ id: string; notificationId: string }[]> {
  const serviceKey = configuredServiceKeys()[0];
  if (!serviceKey) return [];
  const publicUrl = getSettings().server.publicUrl;
  // What each notification's copies carry, per channel its category offers: one JSON parameter.
  const offers = items.flatMap(({ notification, status }) => {
    const category = notification.category ? findCategory(notification.category) : undefined;
    if (!category) return [];
    const fields = {
      title: category.name,
      summary: notification.message ?? category.name,
      urgent: notification.requireAction ? "yes" : "no",
      action_url: `${publicUrl}/notifications/${notification.id}`,
    };
    return category.optionalChannels.flatMap((channel) => {
      const templateId = preferenceTemplateId(category.key, channel);
      return templateId
        ? [
            {
              notification_id: notification.id,
              category: category.key,
              channel,
              status,
              template_id: templateId,
              fields,
              // A resident cannot open a notification's page without its inbox copy: their own history entry.
              resident_action_url: `${publicUrl}${residentHistoryLink(notification.id)}`,
            },
          ]
        : [];
    });
  });
  if (offers.length === 0) return [];
  // A daily-digest choice makes no copy here: the item waits for the digest (lib/rules/digest-items.ts).
  const rows = rowsOf<{ id: string; notification_id: string }>(
    await tx.execute(sql`
      insert into deliveries (notification_id, channel, status, service_key, template_id, user_id, preference_copy, personalisation)
      select o.notification_id, o.channel, o.status, ${serviceKey}, o.template_id, u.id, true,
             jsonb_build_object('recipient_name', u.name) || o.fields ||
               case when u.kind = 'resident' then jsonb_build_object('action_url', o.resident_action_url) else '{}' end
      from jsonb_to_recordset(${JSON.stringify(offers)}::jsonb)
        as o(notification_id uuid, category text, channel delivery_channel, status text, template_id text, fields jsonb,
             resident_action_url text)
      join (${audiencePairs}) as audience on audience.notification_id = o.notification_id
      join notification_preferences p on p.user_id = audience.user_id and p.category = o.category
      join users u on u.id = audience.user_id and u.disabled_at is null
      where case o.channel when 'email' then p.email_mode = 'immediate' else p.sms and u.mobile_number is not null end
      returning id, notification_id`),
  );
  return rows.map((row) => ({ id: row.id, notificationId: row.notification_id }));
}
