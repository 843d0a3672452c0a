import { getSettings } from "@/lib/config/settings";
import { notifyTemplateIds } from "@/lib/notify-simulator/templates";
import { findCategory } from "./categories";

/**
 * The Notify template daily digests go through: the council's (NOTIFY_DIGEST_TEMPLATE_EMAIL,
 * required with the real Notify), or the simulator's own digest template.
 */
export function digestTemplateId(): string {
  const { connection } = getSettings().notify;
  return connection.digestEmailTemplate ?? notifyTemplateIds.digestEmail;
}

export type DigestLine = { notificationId: string; category: string; message: string | null };

/**
 * The template's fields: `items` is a list (Notify shows it as bullets), one line an item in the
 * order they arrived, each naming its category and linking to the item in the centre.
 */
export function digestPersonalisation(recipientName: string, lines: readonly DigestLine[]) {
  const { publicUrl } = getSettings().server;
  return {
    recipient_name: recipientName,
    item_count: lines.length,
    items: lines.map((line) => {
      const categoryName = findCategory(line.category)?.name ?? line.category;
      const text = line.message ? `${categoryName}: ${line.message}` : categoryName;
      return `${text} – ${publicUrl}/notifications/${line.notificationId}`;
    }),
    preferences_url: `${publicUrl}/settings/notifications`,
  };
}

/** The calendar date in London (YYYY-MM-DD) at an instant: the day a digest belongs to. */
export function londonDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}
