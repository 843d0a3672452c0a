import { readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { listSubscriptionMessagesQuerySchema } from "@/lib/subscriptions/messages-contract";
import { listSubscriptionMessages } from "@/lib/subscriptions/read-messages";

export const dynamic = "force-dynamic";

// GET /api/v1/subscription-messages – the calling client's messages, newest first, by subscription and status
export const GET = withAuth(
  async ({ request, caller, db }) =>
    jsonResponse(await listSubscriptionMessages(db, caller, readQuery(request, listSubscriptionMessagesQuerySchema))),
  { scopes: ["subscriptions:manage"] },
);
