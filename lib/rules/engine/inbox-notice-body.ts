import type { Notification } from "@/db/schema";
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

/** A Screen body before validation; a requireAction left out is settled from the category, as for a caller. */
function screenBody<Notice extends { requireAction?: boolean }>({ requireAction, ...notice }: Notice) {
  return { notificationType: "Screen", ...notice, ...(requireAction !== undefined && { requireAction }) };
}

/**
 * The body of a rule's inbox (Screen) notice, validated exactly as POST /api/v1/notifications
 * validates one, so a rule cannot make what a caller could not: one home for the event, stalled,
 * officer-reminder and escalated notices.
 */
export function inboxNoticeBody(notice: InboxNotice) {
  return createNotificationBodySchema.parse(screenBody(notice));
}

/**
 * The managers' copy of an escalated item. The original's record and link carry over when they
 * pass today's rules; an older item's odd target type is dropped rather than stopping the escalation.
 */
export function escalatedCopyBody(item: Notification, recipient: unknown, waited: string) {
  const base = {
    message: `Escalated, not acted on for ${waited}: ${item.message ?? "an item needing action"}`.slice(0, 2000),
    recipient,
    requireAction: true,
    category: item.category ?? undefined,
  };
  const full = createNotificationBodySchema.safeParse(
    screenBody({
      ...base,
      targetType: item.targetType ?? undefined,
      targetId: item.targetId ?? undefined,
      actionUrl: item.actionUrl ?? undefined,
    }),
  );
  return full.success ? full.data : createNotificationBodySchema.parse(screenBody(base));
}
