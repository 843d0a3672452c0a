import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { subscriptionIdParamsSchema } from "@/lib/subscriptions/contract";
import { rotateSubscriptionSecret } from "@/lib/subscriptions/save-subscription";

export const dynamic = "force-dynamic";

// POST /api/v1/subscriptions/{id}/secret – a new signing secret, shown once; the old one signs alongside for 24 hours
export const POST = withAuth<{ id: string }>(
  async ({ params, caller, db }) =>
    jsonResponse(await rotateSubscriptionSecret(db, caller, parseWith(subscriptionIdParamsSchema, params).id)),
  { scopes: ["subscriptions:manage"] },
);
