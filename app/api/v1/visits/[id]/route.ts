import { parseWith, readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { updateVisitBodySchema, visitIdParamsSchema } from "@/lib/visits/contract";
import { getVisitOrThrow } from "@/lib/visits/read-visits";
import { cancelVisit, rescheduleVisit } from "@/lib/visits/save-visit";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/visits/{id} – one visit, for those who read visits and for its officer
export const GET = withAuth<Params>(async ({ params, caller, db }) =>
  jsonResponse(await getVisitOrThrow(db, caller, parseWith(visitIdParamsSchema, params).id)),
);

// PATCH /api/v1/visits/{id} – reschedule: another time or officer; a cancelled visit is a 409
export const PATCH = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    const { id } = parseWith(visitIdParamsSchema, params);
    const body = await readJsonBody(request, updateVisitBodySchema);
    return jsonResponse(await db.transaction((tx) => rescheduleVisit(tx, caller, id, body)));
  },
  { scopes: ["visits:manage"] },
);

// DELETE /api/v1/visits/{id} – cancel: the visit is kept with status cancelled; again changes nothing
export const DELETE = withAuth<Params>(
  async ({ params, caller, db }) => {
    const { id } = parseWith(visitIdParamsSchema, params);
    return jsonResponse(await db.transaction((tx) => cancelVisit(tx, caller, id)));
  },
  { scopes: ["visits:manage"] },
);
