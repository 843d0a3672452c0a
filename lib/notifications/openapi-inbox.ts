import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses } from "@/lib/openapi/problem-responses";
import { json } from "@/lib/openapi/operation-parts";
import { preferencesSchema } from "@/lib/rules/preferences";
import { markAllReadBodySchema, notificationIdParamsSchema, updateReceiptBodySchema } from "./contract/item-requests";
import { notificationSchema } from "./contract/responses";

// A person's own inbox state: only a signed-in person has one.
const sessionOnly = [{ session: [] }];

export const inboxPaths: ZodOpenApiPathsObject = {
  "/api/v1/notifications/{id}/receipt": {
    put: {
      summary: "Mark read/unread or archive/unarchive your copy",
      description: "Changes only the caller's own copy; colleagues' copies and the audit trail are untouched.",
      tags: ["Inbox"],
      security: sessionOnly,
      requestParams: { path: notificationIdParamsSchema },
      requestBody: { content: json(updateReceiptBodySchema) },
      responses: {
        "200": { description: "The notification as the caller now sees it", content: json(notificationSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/notifications/mark-all-read": {
    post: {
      summary: "Mark everything read that arrived by a time",
      description: "Bounded by `before` (when the list was loaded) so items that arrive meanwhile stay unread.",
      tags: ["Inbox"],
      security: sessionOnly,
      requestBody: { content: json(markAllReadBodySchema) },
      responses: {
        "200": { description: "How many were marked", content: json(z.object({ updated: z.number().int() })) },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
  },
  "/api/v1/me/preferences": {
    get: {
      summary: "How you hear about each category",
      tags: ["Inbox"],
      security: sessionOnly,
      responses: {
        "200": { description: "Every category with your choice", content: json(preferencesSchema) },
        ...problemResponses("unauthorized", "forbidden"),
      },
    },
    put: {
      summary: "Replace your channel choices",
      description:
        "Inbox is always on for categories that need action; email (straight away, in a daily digest at 08:00 UK time, or off) and text only where the category offers them; texts need a UK mobile.",
      tags: ["Inbox"],
      security: sessionOnly,
      requestBody: { content: json(preferencesSchema) },
      responses: {
        "200": { description: "Saved", content: json(preferencesSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
  },
};
