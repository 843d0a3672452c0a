import type { Activity } from "@/db/schema";
import type { ActivityResponse } from "./schemas";

/** An activity exactly as the council's Activity History API returns one (its field names, its spelling). */
export function toActivityResponse(activity: Activity): ActivityResponse {
  const { id, fullName, email } = activity.authorDetails;
  return {
    id: activity.id,
    targetId: activity.targetId,
    type: activity.type,
    targetType: activity.targetType,
    createdAt: activity.createdAt.toISOString(),
    timetoLiveForRecord: activity.timetoLiveForRecord,
    oldData: activity.oldData ?? null,
    newData: activity.newData ?? null,
    authorDetails: id ? { id, fullName, email } : { fullName, email },
    ...(activity.onBehalfOf ? { onBehalfOf: activity.onBehalfOf } : {}),
    sourceDomain: activity.sourceDomain,
    recordedAt: activity.recordedAt.toISOString(),
  };
}
