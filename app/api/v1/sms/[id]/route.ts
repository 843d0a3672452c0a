import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { smsIdParamsSchema } from "@/lib/sms/contract";
import { getSmsOrThrow } from "@/lib/sms/list-sms";

export const dynamic = "force-dynamic";

// GET /api/v1/sms/{id} – one free-text text with its delivery status
export const GET = withAuth<{ id: string }>(
  async ({ params, caller, db }) =>
    jsonResponse(await getSmsOrThrow(db, caller, parseWith(smsIdParamsSchema, params).id)),
  { scopes: ["notifications:read"] },
);
