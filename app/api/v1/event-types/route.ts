import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { listEventTypes } from "@/lib/subscriptions/describe-event-types";

export const dynamic = "force-dynamic";

// GET /api/v1/event-types – the events a subscription may hear, each with its filters and payload's JSON Schema
export const GET = withAuth(async ({ caller }) => jsonResponse(listEventTypes(caller)), {
  scopes: ["subscriptions:manage"],
});
