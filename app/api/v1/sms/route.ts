import { readJson, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { listSmsQuerySchema } from "@/lib/sms/contract";
import { listSms } from "@/lib/sms/list-sms";
import { submitSms } from "@/lib/sms/submit-sms";

export const dynamic = "force-dynamic";

// GET /api/v1/sms – the caller's free-text texts (a client's own; a person's received), newest first
export const GET = withAuth(
  async ({ request, caller, db }) => jsonResponse(await listSms(db, caller, readQuery(request, listSmsQuerySchema))),
  { scopes: ["notifications:read"] },
);

// POST /api/v1/sms – text a person by personId or userId (seed 004): a Text notification underneath
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const result = await submitSms(db, caller, await readJson(request), request.headers.get("idempotency-key"));
    return jsonResponse(result.body, {
      status: result.status,
      headers: result.replayed ? { "idempotent-replayed": "true" } : {},
    });
  },
  { scopes: ["notifications:write"] },
);
