import type { ZodOpenApiPathsObject } from "zod-openapi";
import { clientKeyWith, problemResponses } from "@/lib/openapi/problem-responses";
import { idempotencyHeader, json } from "@/lib/openapi/operation-parts";
import { bulkCreatedSchema, createBulkBodySchema, maxBulkBytes, maxBulkNotifications } from "./bulk/schemas";

export const bulkPaths: ZodOpenApiPathsObject = {
  "/api/v1/notifications/bulk": {
    post: {
      summary: "Create up to 1,000 notifications in one request",
      description:
        'The body is an object, `{ "notifications": [ … ] }` (not a bare array), each item exactly the body of ' +
        "`POST /api/v1/notifications`, checked by the same rules, templates, directory and per-recipient caps. " +
        "Every item is checked first; errors name the item by its index (`notifications.3.email`) and then nothing " +
        `is created: all are created in one transaction or none. At most ${maxBulkNotifications} items and ` +
        `${maxBulkBytes / 1024 / 1024} MB (a single create takes 3.2 MB, other JSON bodies 1 MB). ` +
        "Honours Idempotency-Key for the whole request: a repeat answers the first response, a different body is 409.",
      tags: ["Notifications"],
      security: clientKeyWith("notifications:write"),
      requestParams: { header: idempotencyHeader },
      requestBody: { content: json(createBulkBodySchema) },
      responses: {
        "201": { description: "Every item created", content: json(bulkCreatedSchema) },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "conflict",
          "payload_too_large",
          "unsupported_media_type",
          "rate_limited",
          "service_unavailable",
        ),
      },
    },
  },
};
