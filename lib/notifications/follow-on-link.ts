import type { Notification } from "@/db/schema";
import { isStaff } from "@/lib/auth/policies";
import type { Caller } from "@/lib/auth/caller";
import { findCategory, followOnUrl } from "@/lib/rules/categories";

// The follow-on link each reader is given. A category's default link is a staff timeline
// (/activity/{targetType}/{targetId}) that a resident cannot open, so a resident is sent to their
// own history entry instead; a link the caller gave (actionUrl) is everyone's, as given.

/** Who reads the link: council staff (and client services), or a resident. */
export type LinkReader = "staff" | "resident";

/** Whom a caller reads links as: a person with no staff role is a resident. */
export function linkReaderOf(caller: Caller): LinkReader {
  return caller.kind === "person" && !isStaff(caller) ? "resident" : "staff";
}

/** A resident's own entry for the notification on their history page (app/my/history). */
export function residentHistoryLink(notificationId: string): string {
  return `/my/history?show=notifications#entry-${notificationId}`;
}

/** The category's own link for the notification, which the create stores when the caller gives none. */
function isCategoryDefault(notification: Pick<Notification, "category" | "targetType" | "targetId" | "actionUrl">) {
  const category = notification.category ? findCategory(notification.category) : undefined;
  return (
    category !== undefined &&
    notification.actionUrl === followOnUrl(category, notification.targetType, notification.targetId)
  );
}

/** The follow-on link `reader` is given for the notification, or null when it has none. */
export function followOnLinkFor(
  notification: Pick<Notification, "id" | "category" | "targetType" | "targetId" | "actionUrl">,
  reader: LinkReader,
): string | null {
  if (!notification.actionUrl) return null;
  if (reader === "resident" && isCategoryDefault(notification)) return residentHistoryLink(notification.id);
  return notification.actionUrl;
}
