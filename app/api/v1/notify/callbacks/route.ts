import { ApiError } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/api/request";
import { noContentResponse } from "@/lib/api/responses";
import { withoutAuth } from "@/lib/api/with-auth";
import { sameSecret } from "@/lib/auth/same-secret";
import { notifyCallbackBodySchema, recordNotifyCallback } from "@/lib/delivery/record-callback";
import { getNotifyCallbackToken } from "@/lib/notify/service-registry";

export const dynamic = "force-dynamic";

// POST /api/v1/notify/callbacks – GOV.UK Notify's delivery receipts (its own bearer token, not an API key)
export const POST = withoutAuth(async ({ request, db }) => {
  const expected = await getNotifyCallbackToken();
  const header = request.headers.get("authorization") ?? "";
  const given = /^bearer /i.test(header) ? header.slice(7).trim() : "";
  if (!expected || !given || !sameSecret(given, expected))
    throw new ApiError("unauthorized", "A valid callback bearer token is required");
  const body = await readJsonBody(request, notifyCallbackBodySchema);
  await recordNotifyCallback(db, body);
  // Unknown messages are acknowledged too: Notify would otherwise retry a receipt we can never use.
  return noContentResponse();
});
