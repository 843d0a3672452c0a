import { readJsonBody, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { createVisitBodySchema, listVisitsQuerySchema } from "@/lib/visits/contract";
import { listVisits } from "@/lib/visits/read-visits";
import { createVisit } from "@/lib/visits/save-visit";

export const dynamic = "force-dynamic";

// GET /api/v1/visits – visits by start time, filtered by property, officer, status, from/to; housing and repairs staff, admins, visits:manage
export const GET = withAuth(async ({ request, caller, db }) =>
  jsonResponse(await listVisits(db, caller, readQuery(request, listVisitsQuerySchema))),
);

// POST /api/v1/visits – book an officer's visit to a resident at a property, audited on the property
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const body = await readJsonBody(request, createVisitBodySchema);
    return jsonResponse(await db.transaction((tx) => createVisit(tx, caller, body)), { status: 201 });
  },
  { scopes: ["visits:manage"] },
);
