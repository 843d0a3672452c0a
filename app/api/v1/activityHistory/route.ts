import { createPostedActivities } from "@/lib/activity/create-activities";
import { listActivities } from "@/lib/activity/list-activities";
import { createActivitiesBodySchema, listActivitiesQuerySchema } from "@/lib/activity/schemas";
import { readJsonBody, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";

export const dynamic = "force-dynamic";

// GET /api/v1/activityHistory – one record's history, newest first (the council's API, unchanged)
export const GET = withAuth(
  async ({ request, caller, db }) =>
    jsonResponse(await listActivities(db, caller, readQuery(request, listActivitiesQuerySchema))),
  { scopes: ["activity:read"] },
);

// POST /api/v1/activityHistory – store one activity or an array of them, authored by the caller; a repeated id is stored once
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const body = await readJsonBody(request, createActivitiesBodySchema);
    return jsonResponse(await createPostedActivities(db, caller, body), { status: 201 });
  },
  { scopes: ["activity:write"] },
);
