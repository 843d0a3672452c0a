import type { ZodOpenApiPathsObject } from "zod-openapi";
import { clientKeyWith, problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { idempotencyHeader, json } from "@/lib/openapi/operation-parts";
import { createNotificationBodySchema } from "./contract/create-notification-body";
import { listNotificationsQuerySchema } from "./contract/list-notifications-query";
import {
  cancelledNotificationSchema,
  notificationCountsSchema,
  notificationPageSchema,
  notificationSchema,
} from "./contract/responses";
import { notificationIdParamsSchema, recordActionBodySchema } from "./contract/item-requests";

export const notificationPaths: ZodOpenApiPathsObject = {
  "/api/v1/notifications": {
    get: {
      summary: "List the caller's notifications",
      description:
        "A person sees their own and their teams' notifications; a client service sees the ones it created. Newest first.",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { query: listNotificationsQuerySchema },
      responses: {
        "200": { description: "A page", content: json(notificationPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "rate_limited"),
      },
    },
    post: {
      summary: "Create a notification",
      description:
        "Stores it, adds it to each recipient's inbox and queues its email, text and letter deliveries, in one transaction. " +
        "Callers written for the seed's contract may name the one person in `user` (email address, user id or person id) instead of `recipient`: it is looked up in the directory as `recipient: { userId }` is, an unknown one is a 400 on `user`, and both together are a 400 naming both. A null field is read as absent.",
      tags: ["Notifications"],
      security: clientKeyWith("notifications:write"),
      requestParams: { header: idempotencyHeader },
      requestBody: { content: json(createNotificationBodySchema) },
      responses: {
        "201": { description: "Created", content: json(notificationSchema) },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "conflict",
          "unsupported_media_type",
          "rate_limited",
        ),
      },
    },
  },
  "/api/v1/notifications/counts": {
    get: {
      summary: "Badge counts",
      description:
        'Unread, action-required, all and archived, each counted up to 100: 100 means "100 or more", as the badges show "99+".',
      tags: ["Notifications"],
      security: securedByEither,
      responses: {
        "200": { description: "Counts", content: json(notificationCountsSchema) },
        ...problemResponses("unauthorized", "forbidden"),
      },
    },
  },
  "/api/v1/notifications/{id}": {
    get: {
      summary: "One notification with its audit trail",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { path: notificationIdParamsSchema },
      responses: {
        "200": { description: "The notification", content: json(notificationSchema) },
        ...problemResponses("bad_request", "unauthorized", "not_found"),
      },
    },
    patch: {
      summary: "Record an action",
      description:
        "Appends an audit row and an activity-history entry. actionNote is required for Approved and Rejected. An item that needs action is claimed by the first person to act. " +
        "IsRead from a person marks their own copy read. IsRead from a client service (on a notification it created, with notifications:write) marks read the copy of the recipient named in `onBehalfOf` (user id, person id or email address; not a recipient: 400 on onBehalfOf) or, with nobody named, every recipient's copy, as the seed's single isReadStatus implies; copies already read keep their first time. " +
        "The audit row records whom (`onBehalfOfUserId`, null for every recipient) and live counts update for exactly those whose copy changed. A person sending onBehalfOf gets 403; IsRead on an item in nobody's inbox is a 409.",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { path: notificationIdParamsSchema },
      requestBody: { content: json(recordActionBodySchema) },
      responses: {
        "200": { description: "The updated notification", content: json(notificationSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "conflict"),
      },
    },
    delete: {
      summary: "Delete (soft)",
      description:
        "Removes it from every inbox; the audit trail stays. Its emails, texts and letters not yet handed to GOV.UK Notify are cancelled. For the client service that created it (notifications:write) and for admins; anyone else who can see it gets 403 and archives their own copy instead (`PUT /api/v1/notifications/{id}/receipt` with `archived: true`). Someone else's notification is a 404. 409 while an action is still required.",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { path: notificationIdParamsSchema },
      responses: {
        "204": { description: "Deleted" },
        ...problemResponses("unauthorized", "forbidden", "not_found", "conflict"),
      },
    },
  },
  "/api/v1/notifications/{id}/cancel": {
    post: {
      summary: "Cancel its unsent messages",
      description:
        "Cancels every email, text and letter of the notification not yet handed to GOV.UK Notify (status `cancelled`); the inbox copies stay. A worker about to send re-checks under the same row lock, so a cancelled message is never sent. Already-sent deliveries are listed as `notCancellable`. Asking again changes nothing and answers the same. For the client service that created it (notifications:write) and for admins; someone else's notification is a 404.",
      tags: ["Notifications"],
      security: securedByEither,
      requestParams: { path: notificationIdParamsSchema },
      responses: {
        "200": {
          description: "The notification and what became of each delivery",
          content: json(cancelledNotificationSchema),
        },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
};
