import { readJsonBody, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { createSubscriptionBodySchema, listSubscriptionsQuerySchema } from "@/lib/subscriptions/contract";
import { listSubscriptions } from "@/lib/subscriptions/read-subscriptions";
import { createSubscription } from "@/lib/subscriptions/save-subscription";

export const dynamic = "force-dynamic";

// GET /api/v1/subscriptions – the calling client's subscriptions, newest first
export const GET = withAuth(
  async ({ request, caller, db }) =>
    jsonResponse(await listSubscriptions(db, caller, readQuery(request, listSubscriptionsQuerySchema))),
  { scopes: ["subscriptions:manage"] },
);

// POST /api/v1/subscriptions – subscribe to an event type by webhook and/or email; the signing secret is shown once
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const body = await readJsonBody(request, createSubscriptionBodySchema);
    return jsonResponse(await createSubscription(db, caller, body), { status: 201 });
  },
  { scopes: ["subscriptions:manage"] },
);
