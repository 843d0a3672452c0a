import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { Notification } from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import { configuredServiceKeys } from "@/lib/notify/services";
import { catalogueTemplateId } from "@/lib/notify-simulator/templates";
import { findCategory } from "./categories";

type Channel = "email" | "sms";

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
 * One extra delivery per person in the audience who chose email or text for this category (even
 * with its inbox copy turned off), set-based like the fan-out, addressed to the person so their
 * current address is used at send time, with the template's fields filled here.
 * Returns the ids of the new deliveries.
 */
export async function addPreferredCopies(
  tx: Database,
  notification: Notification,
  status: "pending" | "scheduled",
  audience: SQL,
): Promise<string[]> {
  const category = notification.category ? findCategory(notification.category) : undefined;
  const serviceKey = configuredServiceKeys()[0];
  if (!category || !serviceKey || category.optionalChannels.length === 0) return [];
  const fields = {
    title: category.name,
    summary: notification.message ?? category.name,
    urgent: notification.requireAction ? "yes" : "no",
    action_url: `${getSettings().server.publicUrl}/notifications/${notification.id}`,
  };
  const ids: string[] = [];
  for (const channel of category.optionalChannels) {
    const templateId = preferenceTemplateId(category.key, channel);
    if (!templateId) continue;
    // A daily-digest choice makes no copy here: the item waits for the digest (lib/rules/digest-items.ts).
    const wants = channel === "email" ? sql`p.email_mode = 'immediate'` : sql`p.sms and u.mobile_number is not null`;
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`
        insert into deliveries (notification_id, channel, status, service_key, template_id, user_id, preference_copy, personalisation)
        select ${notification.id}::uuid, ${channel}::delivery_channel, ${status}, ${serviceKey}, ${templateId}, u.id, true,
               jsonb_build_object('recipient_name', u.name) || ${JSON.stringify(fields)}::jsonb
        from (${audience}) as audience
        join notification_preferences p on p.user_id = audience.user_id and p.category = ${category.key}
        join users u on u.id = audience.user_id and u.disabled_at is null
        where ${wants}
        returning id`),
    );
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}
