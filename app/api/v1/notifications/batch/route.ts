import { readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { readBatchCsv } from "@/lib/notifications/batch/read-batch-body";
import { batchQuerySchema } from "@/lib/notifications/batch/schemas";
import { submitBatch } from "@/lib/notifications/batch/submit-batch";

export const dynamic = "force-dynamic";

// POST /api/v1/notifications/batch – one notification per CSV row; all rows valid or nothing is created
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const query = readQuery(request, batchQuerySchema);
    const csv = await readBatchCsv(request);
    const result = await submitBatch(db, caller, query, csv, request.headers.get("idempotency-key"));
    return jsonResponse(result.body, {
      status: result.status,
      headers: result.replayed ? { "idempotent-replayed": "true" } : {},
    });
  },
  { scopes: ["notifications:write"] },
);
