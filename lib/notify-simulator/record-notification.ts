import type { SimulatorContext } from "./context";
import { newNotificationId } from "./ids";
import type { TimelineStep } from "./status-progression";
import type { StoredNotification } from "./store";
import { toMicroseconds } from "./time";

const retentionMicroseconds = toMicroseconds(7 * 24 * 60 * 60 * 1000);

/** Notify keeps notifications for 7 days; after that GET answers 404 and lists leave them out. */
export function applyRetention(context: SimulatorContext): void {
  context.store.prune(toMicroseconds(context.clock.now()) - retentionMicroseconds);
}

/**
 * A strictly increasing creation time (microseconds), so `older_than` paging never skips a
 * notification created in the same millisecond as another.
 */
function nextCreatedAt(context: SimulatorContext): number {
  return Math.max(toMicroseconds(context.clock.now()), context.store.latestCreatedAt() + 1);
}

export type NewNotification = Omit<StoredNotification, "id" | "serviceId" | "createdAt" | "timeline">;

/**
 * Stores an accepted notification and arranges its delivery-status callback. Smoke-test
 * recipients get an id but are not kept, as in Notify.
 */
export function recordNotification(
  context: SimulatorContext,
  notification: NewNotification,
  timeline: (createdAt: number) => TimelineStep[],
  options: { keep: boolean },
): StoredNotification {
  const createdAt = nextCreatedAt(context);
  const stored: StoredNotification = {
    ...notification,
    id: newNotificationId(),
    serviceId: context.service.serviceId,
    createdAt,
    timeline: timeline(createdAt),
  };
  if (!options.keep) return stored;
  applyRetention(context);
  context.store.add(stored);
  context.callbacks.track(stored);
  if (notification.keyType !== "test") context.dailyLimits.record(notification.type, context.clock.now());
  return stored;
}

type LetterFields = Pick<
  NewNotification,
  "keyType" | "templateId" | "templateVersion" | "reference" | "personalisation" | "body" | "subject" | "pdf"
> & { postage: NonNullable<NewNotification["postage"]> };

/** A letter, templated or precompiled: letters have no recipient address field, unsubscribe link or fragments. */
export function recordLetter(
  context: SimulatorContext,
  letter: LetterFields,
  timeline: (createdAt: number) => TimelineStep[],
): StoredNotification {
  return recordNotification(
    context,
    { ...letter, type: "letter", to: null, oneClickUnsubscribeUrl: null, smsFragments: 0 },
    timeline,
    { keep: true },
  );
}
