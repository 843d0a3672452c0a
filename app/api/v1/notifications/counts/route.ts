import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { countNotifications } from "@/lib/notifications/count-notifications";

export const dynamic = "force-dynamic";

// GET /api/v1/notifications/counts – unread and action-required counts for the caller's badges
export const GET = withAuth(async ({ caller, db }) => jsonResponse(await countNotifications(db, caller)), {
  scopes: ["notifications:read"],
});
