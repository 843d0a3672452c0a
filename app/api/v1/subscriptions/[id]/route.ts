import { noContentResponse, jsonResponse } from "@/lib/api/responses";
import { parseWith, readJsonBody } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";
import { subscriptionIdParamsSchema, updateSubscriptionBodySchema } from "@/lib/subscriptions/contract";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/read-subscriptions";
import { deleteSubscription, updateSubscriptionExpiry } from "@/lib/subscriptions/save-subscription";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/subscriptions/{id} – one of the calling client's subscriptions; another client's is a 404
export const GET = withAuth<Params>(
  async ({ params, caller, db }) =>
    jsonResponse(await getSubscriptionOrThrow(db, caller, parseWith(subscriptionIdParamsSchema, params).id)),
  { scopes: ["subscriptions:manage"] },
);

// PATCH /api/v1/subscriptions/{id} – a new expiresOn (the only property that changes), at most a year ahead
export const PATCH = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    const { id } = parseWith(subscriptionIdParamsSchema, params);
    const body = await readJsonBody(request, updateSubscriptionBodySchema);
    return jsonResponse(await updateSubscriptionExpiry(db, caller, id, body));
  },
  { scopes: ["subscriptions:manage"] },
);

// DELETE /api/v1/subscriptions/{id} – stop deliveries; its messages and attempts are kept
export const DELETE = withAuth<Params>(
  async ({ params, caller, db }) => {
    await deleteSubscription(db, caller, parseWith(subscriptionIdParamsSchema, params).id);
    return noContentResponse();
  },
  { scopes: ["subscriptions:manage"] },
);
