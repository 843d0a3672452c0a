import { readJson, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { listNotificationsQuerySchema } from "@/lib/notifications/contract/list-notifications-query";
import { submitNotification } from "@/lib/notifications/submit-notification";

export const dynamic = "force-dynamic";

// GET /api/v1/notifications – the caller's notifications (a person's inbox; a client's own), newest first
export const GET = withAuth(
  async ({ request, caller, db }) =>
    jsonResponse(await listNotifications(db, caller, readQuery(request, listNotificationsQuerySchema))),
  { scopes: ["notifications:read"] },
);

// POST /api/v1/notifications – create a notification, fan it out to inboxes, queue its deliveries
export const POST = withAuth(
  async ({ request, caller, db }) => {
    // Room for a 2 MB attachment as base64 (2.8 MB) besides the fields. The pipeline validates it.
    const body = await readJson(request, { maxBytes: 3_200_000 });
    const result = await submitNotification(db, caller, body, request.headers.get("idempotency-key"));
    return jsonResponse(result.body, {
      status: result.status,
      headers: result.replayed ? { "idempotent-replayed": "true" } : {},
    });
  },
  { scopes: ["notifications:write"] },
);
