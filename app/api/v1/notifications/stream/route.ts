import { getDatabaseHandle } from "@/db/runtime";
import { parseWith } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";
import { openNotificationStream } from "@/lib/realtime/open-notification-stream";
import { streamNotificationsQuerySchema } from "@/lib/realtime/schemas";
import { eventStreamHeaders } from "@/lib/realtime/server-sent-events";

export const dynamic = "force-dynamic";

// GET /api/v1/notifications/stream – Server-Sent Events: the caller's notification changes and badge counts, live
export const GET = withAuth(
  async ({ request, caller }) => {
    const { lastEventId } = parseWith(streamNotificationsQuerySchema, {
      lastEventId:
        request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? undefined,
    });
    const stream = await openNotificationStream(await getDatabaseHandle(), caller, {
      lastEventId: lastEventId ?? null,
      signal: request.signal,
    });
    return new Response(stream, { headers: eventStreamHeaders });
  },
  { scopes: ["notifications:read"] },
);
