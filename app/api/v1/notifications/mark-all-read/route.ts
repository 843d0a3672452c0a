import { readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { markAllRead } from "@/lib/notifications/mark-all-read";
import { markAllReadBodySchema } from "@/lib/notifications/contract/item-requests";

export const dynamic = "force-dynamic";

// POST /api/v1/notifications/mark-all-read – mark read everything that arrived by `before`
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const body = await readJsonBody(request, markAllReadBodySchema);
    return jsonResponse(await db.transaction((tx) => markAllRead(tx, caller, body)));
  },
  { scopes: ["notifications:read"] },
);
