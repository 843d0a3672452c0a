import { jsonResponse } from "@/lib/api/responses";
import { parseWith } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";
import { cancelNotification } from "@/lib/notifications/cancel-notification";
import { notificationIdParamsSchema } from "@/lib/notifications/contract/item-requests";

export const dynamic = "force-dynamic";

// POST /api/v1/notifications/{id}/cancel – cancel its deliveries not yet handed to Notify; by its creating client or an admin
export const POST = withAuth<{ id: string }>(
  async ({ params, caller, db }) => {
    const { id } = parseWith(notificationIdParamsSchema, params);
    return jsonResponse(await db.transaction((tx) => cancelNotification(tx, caller, id)));
  },
  { scopes: ["notifications:read"] },
);
