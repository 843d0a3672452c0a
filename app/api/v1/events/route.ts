import { ingestEntityEvent } from "@/lib/activity/ingest-entity-event";
import { entityEventSchema } from "@/lib/activity/schemas";
import { readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";

export const dynamic = "force-dynamic";

// POST /api/v1/events – a platform entity event, recorded as activity history as the council's listener does; runs the event rules
export const POST = withAuth(
  async ({ request, caller, db }) => {
    const event = await readJsonBody(request, entityEventSchema);
    const result = await db.transaction((tx) => ingestEntityEvent(tx, caller, event));
    if (result.outcome === "ignored")
      return jsonResponse({ outcome: "ignored", eventType: result.eventType }, { status: 202 });
    return jsonResponse(
      { outcome: result.outcome, activity: result.activity, notificationsCreated: result.notificationsCreated },
      { status: result.outcome === "stored" ? 201 : 200 },
    );
  },
  { scopes: ["activity:write"] },
);
