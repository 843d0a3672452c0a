import type { Activity } from "@/db/schema";
import type { PublishedEvent } from "./publish";

// activity.created: every entry stored in a record's history, posted by a client service (POST
// /api/v1/activityHistory, POST /api/v1/events) or written by the centre itself (its audit of
// actions, deletes, rule steps, directory imports). The centre's own entries are history too, so a
// subscriber hears them exactly when it may read that record's history (mayReadHistory).

export type StoredActivity = Pick<Activity, "id" | "type" | "targetType" | "targetId" | "createdAt">;

/** activity.created; its id is the activity's. */
export function activityCreatedEvent(activity: StoredActivity): PublishedEvent {
  return {
    type: "activity.created",
    id: activity.id,
    at: activity.createdAt,
    data: {
      activityId: activity.id,
      type: activity.type,
      targetType: activity.targetType,
      targetId: activity.targetId,
      createdAt: activity.createdAt.toISOString(),
    },
    // A notification's creator is read by the publisher, only when someone listens.
    access: { kind: "history", targetType: activity.targetType, targetId: activity.targetId },
  };
}
