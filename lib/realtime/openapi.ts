import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { streamNotificationsHeadersSchema, streamNotificationsQuerySchema } from "./schemas";

const example = [
  "retry: 3000",
  "",
  "event: counts",
  'data: {"unread":4,"actionRequired":1}',
  "",
  "id: 1042",
  "event: notification.created",
  'data: {"notificationId":"0b6f8f0e-2f7c-4c1e-9a55-0c1d2e3f4a5b","type":"notification.created"}',
  "",
  "event: counts",
  'data: {"unread":5,"actionRequired":1}',
  "",
  ": keep-alive",
  "",
].join("\n");

export const realtimePaths: ZodOpenApiPathsObject = {
  "/api/v1/notifications/stream": {
    get: {
      summary: "Live changes to the caller's notifications (Server-Sent Events)",
      description:
        "A text/event-stream for EventSource. First a `counts` event with the badge counts, then `notification.created` and " +
        "`notification.updated` as changes commit (a person hears about their own and their teams' notifications; a client " +
        "service about the ones it created), each with `id` (its position in commit order) and followed shortly by fresh " +
        "`counts`; a fresh stream's first `counts` carries the position it starts from. A comment line every 20 s keeps " +
        "the connection open. Reconnecting with Last-Event-ID (or `lastEventId`) replays up to 500 missed events from the " +
        "last 24 hours.",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { query: streamNotificationsQuerySchema, header: streamNotificationsHeadersSchema },
      responses: {
        "200": {
          description: "The event stream",
          content: {
            "text/event-stream": {
              schema: z.string().meta({
                description:
                  "Events whose data is JSON: counts `{ unread, actionRequired, … }`; notification events `{ notificationId, type }`",
              }),
              example,
            },
          },
        },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
  },
};
