import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { subscriptionMessageIdParamsSchema } from "@/lib/subscriptions/messages-contract";
import { getSubscriptionMessageOrThrow } from "@/lib/subscriptions/read-messages";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/subscription-messages/{id} – one of the calling client's messages with its attempts; another client's is a 404
export const GET = withAuth<Params>(
  async ({ params, caller, db }) =>
    jsonResponse(
      await getSubscriptionMessageOrThrow(db, caller, parseWith(subscriptionMessageIdParamsSchema, params).id),
    ),
  { scopes: ["subscriptions:manage"] },
);
