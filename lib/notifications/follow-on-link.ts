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

type LinkFields = Pick<Notification, "category" | "targetType" | "targetId">;

/** The category's own follow-on link for a notification about its target, if it has one. */
function categoryLinkOf(fields: Partial<LinkFields>): string | undefined {
  const category = fields.category ? findCategory(fields.category) : undefined;
  return category ? followOnUrl(category, fields.targetType, fields.targetId) : undefined;
}

/**
 * The follow-on link a create stores: the caller's actionUrl, else its category's own (null: none).
 * Templates check for ((action_url)) against the same answer (validate-personalisation.ts).
 */
export function storedFollowOnUrl(fields: Partial<LinkFields> & { actionUrl?: string | null }): string | null {
  return fields.actionUrl ?? categoryLinkOf(fields) ?? null;
}

/** Whether the notification's link is its category's own, which the create stores when the caller gives none. */
function isCategoryDefault(notification: LinkFields & Pick<Notification, "actionUrl">) {
  const link = categoryLinkOf(notification);
  return link !== undefined && notification.actionUrl === link;
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
