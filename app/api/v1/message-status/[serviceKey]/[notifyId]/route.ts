import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { getMessageStatusOrThrow, messageStatusParamsSchema } from "@/lib/delivery/message-status";

export const dynamic = "force-dynamic";

// GET /api/v1/message-status/{serviceKey}/{notifyId} – Notify's status of one of the caller's messages
export const GET = withAuth<{ serviceKey: string; notifyId: string }>(
  async ({ params, caller, db }) => {
    const { serviceKey, notifyId } = parseWith(messageStatusParamsSchema, params);
    return jsonResponse(await getMessageStatusOrThrow(db, caller, serviceKey, notifyId));
  },
  { scopes: ["notifications:read"] },
);
