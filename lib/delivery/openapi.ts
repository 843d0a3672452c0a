import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { messageStatusParamsSchema, messageStatusSchema } from "./message-status";
import { notifyCallbackBodySchema } from "./record-callback";

export const deliveryPaths: ZodOpenApiPathsObject = {
  "/api/v1/message-status/{serviceKey}/{notifyId}": {
    get: {
      summary: "GOV.UK Notify's current status of one of your messages",
      description:
        "Only for messages of notifications you may see. 404 also when Notify no longer holds the message (7-day retention).",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { path: messageStatusParamsSchema },
      responses: {
        "200": {
          description: "Notify's view of the message",
          content: { "application/json": { schema: messageStatusSchema } },
        },
        ...problemResponses("unauthorized", "forbidden", "not_found", "internal_error", "service_unavailable"),
      },
    },
  },
  "/api/v1/notify/callbacks": {
    post: {
      summary: "GOV.UK Notify delivery receipts",
      description: "Called by Notify with the service's callback bearer token (NOTIFY_CALLBACK_TOKEN), not an API key.",
      tags: ["Service"],
      security: [{ notifyCallbackToken: [] }],
      requestBody: { content: { "application/json": { schema: notifyCallbackBodySchema } } },
      responses: {
        "204": { description: "Recorded (or not one of ours)" },
        ...problemResponses("bad_request", "unauthorized", "internal_error"),
      },
    },
  },
};
