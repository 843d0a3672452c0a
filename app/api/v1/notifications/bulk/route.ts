import { readJson } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { maxBulkBytes } from "@/lib/notifications/bulk/schemas";
import { submitBulk } from "@/lib/notifications/bulk/submit-bulk";

export const dynamic = "force-dynamic";

// POST /api/v1/notifications/bulk – up to 1,000 notifications in one request; all valid or nothing is created
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const body = await readJson(request, { maxBytes: maxBulkBytes });
    const result = await submitBulk(db, caller, body, request.headers.get("idempotency-key"));
    return jsonResponse(result.body, {
      status: result.status,
      headers: result.replayed ? { "idempotent-replayed": "true" } : {},
    });
  },
  { scopes: ["notifications:write"] },
);
