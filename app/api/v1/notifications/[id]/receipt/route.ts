import { parseWith, readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { notificationIdParamsSchema, updateReceiptBodySchema } from "@/lib/notifications/contract/item-requests";
import { updateReceipt } from "@/lib/notifications/update-receipt";

export const dynamic = "force-dynamic";

// PUT /api/v1/notifications/{id}/receipt – mark the caller's own copy read/unread or archived
export const PUT = withAuth<{ id: string }>(
  async ({ request, params, caller, db }) => {
    const { id } = parseWith(notificationIdParamsSchema, params);
    const body = await readJsonBody(request, updateReceiptBodySchema);
    return jsonResponse(await db.transaction((tx) => updateReceipt(tx, caller, id, body)));
  },
  { scopes: ["notifications:read"] },
);
