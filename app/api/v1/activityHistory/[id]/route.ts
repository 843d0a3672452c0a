import { getActivity } from "@/lib/activity/get-activity";
import { activityParamsSchema } from "@/lib/activity/schemas";
import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";

export const dynamic = "force-dynamic";

// GET /api/v1/activityHistory/{id} – one activity, in the list's shape, for those who may read its record's history
export const GET = withAuth<{ id: string }>(
  async ({ params, caller, db }) =>
    jsonResponse(await getActivity(db, caller, parseWith(activityParamsSchema, params).id)),
  { scopes: ["activity:read"] },
);
