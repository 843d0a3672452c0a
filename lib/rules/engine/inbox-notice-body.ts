import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";

/** What every inbox notice a rule makes says: its category, its text, whom it is for and what it is about. */
export type InboxNotice = {
  category: string;
  message: string;
  recipient: unknown;
  targetType: string;
  targetId: string;
  requireAction?: boolean;
};

/**
 * The body of a rule's inbox (Screen) notice, validated exactly as POST /api/v1/notifications
 * validates one, so a rule cannot make what a caller could not: one home for the event, stalled and
 * officer-reminder notices. A requireAction left out is settled from the category, as for a caller.
 */
export function inboxNoticeBody({ requireAction, ...notice }: InboxNotice) {
  return createNotificationBodySchema.parse({
    notificationType: "Screen",
    ...notice,
    ...(requireAction !== undefined && { requireAction }),
  });
}
