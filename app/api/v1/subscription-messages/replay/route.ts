import { readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { replayMessagesBodySchema } from "@/lib/subscriptions/messages-contract";
import { replaySubscriptionMessages } from "@/lib/subscriptions/replay-requests";

export const dynamic = "force-dynamic";

// POST /api/v1/subscription-messages/replay – replay the calling client's messages by query; dryRun counts without queuing
export const POST = withAuth(
  async ({ request, caller, db }) =>
    jsonResponse(await replaySubscriptionMessages(db, caller, await readJsonBody(request, replayMessagesBodySchema))),
  { scopes: ["subscriptions:manage"] },
);
