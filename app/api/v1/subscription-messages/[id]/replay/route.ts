import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { subscriptionMessageIdParamsSchema } from "@/lib/subscriptions/messages-contract";
import { replaySubscriptionMessage } from "@/lib/subscriptions/replay-requests";

export const dynamic = "force-dynamic";

type Params = { id: string };

// POST /api/v1/subscription-messages/{id}/replay – send one of the calling client's messages again, as a new message
export const POST = withAuth<Params>(
  async ({ params, caller, db }) =>
    jsonResponse(await replaySubscriptionMessage(db, caller, parseWith(subscriptionMessageIdParamsSchema, params).id)),
  { scopes: ["subscriptions:manage"] },
);
