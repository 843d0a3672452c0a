import { noContentResponse, jsonResponse } from "@/lib/api/responses";
import { parseWith, readJsonBody } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";
import { deleteNotification } from "@/lib/notifications/delete-notification";
import { getNotificationOrThrow } from "@/lib/notifications/get-notification";
import { recordNotificationAction } from "@/lib/notifications/record-action";
import { notificationIdParamsSchema, recordActionBodySchema } from "@/lib/notifications/contract/item-requests";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/notifications/{id} – one notification with its deliveries and audit trail
export const GET = withAuth<Params>(
  async ({ params, caller, db }) =>
    jsonResponse(await getNotificationOrThrow(db, caller, parseWith(notificationIdParamsSchema, params).id)),
  { scopes: ["notifications:read"] },
);

// PATCH /api/v1/notifications/{id} – record an action (Approved, Rejected, …) with an audit row
export const PATCH = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    const { id } = parseWith(notificationIdParamsSchema, params);
    const body = await readJsonBody(request, recordActionBodySchema);
    return jsonResponse(await db.transaction((tx) => recordNotificationAction(tx, caller, id, body)));
  },
  { scopes: ["notifications:read"] },
);

// DELETE /api/v1/notifications/{id} – soft delete, by its creating client or an admin; refused while an action is still required
export const DELETE = withAuth<Params>(
  async ({ params, caller, db }) => {
    const { id } = parseWith(notificationIdParamsSchema, params);
    await db.transaction((tx) => deleteNotification(tx, caller, id));
    return noContentResponse();
  },
  { scopes: ["notifications:read"] },
);
