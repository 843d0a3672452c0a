import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { clientKeyWith, problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { json } from "@/lib/openapi/operation-parts";
import {
  activityPageSchema,
  activityParamsSchema,
  activitySchema,
  createActivitiesBodySchema,
  entityEventSchema,
  exportActivitiesQuerySchema,
  listActivitiesQuerySchema,
  maxActivityPageSize,
} from "./schemas";

const notificationsCreated = z
  .array(z.uuid())
  .meta({ description: "Ids of the notifications the event rules made from this event; empty for a duplicate" });

export const activityPaths: ZodOpenApiPathsObject = {
  "/api/v1/activityHistory": {
    get: {
      summary: "One record's activity history",
      description:
        "Newest first, with the council's Activity History field names (including timetoLiveForRecord), called as the council's front end calls it: the path answers in any letter case (`/api/v1/activityhistory`). " +
        `404 when the record has no history the caller may read, or none matching the filters. pageSize above ${maxActivityPageSize} is served ${maxActivityPageSize} rather than refused. ` +
        "`nextToken` is null when no record follows the page, so a page ending exactly on the last record has none. The token keeps its place under any filters. " +
        "Residents may read only their own person's and tenure's.",
      tags: ["Activity history"],
      security: securedByEither,
      requestParams: { query: listActivitiesQuerySchema },
      responses: {
        "200": { description: "A page", content: json(activityPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
    post: {
      summary: "Record activities",
      description:
        "One activity or an array of up to 100. An id already stored is kept as it was. The author is always the caller (an API client is named by its id and name); a person the caller acts for goes in `onBehalfOf`, and the council's `authorDetails` is accepted as its older name and recorded the same way. " +
        "A newly stored activity runs the enabled event rules that match by record type and newData fields (an activity has no event type), in the same transaction, once per activity id.",
      tags: ["Activity history"],
      security: clientKeyWith("activity:write"),
      requestBody: { content: json(createActivitiesBodySchema) },
      responses: {
        "201": {
          description: "The stored activity (or array, when an array was sent)",
          content: json(z.union([activitySchema, z.array(activitySchema)])),
        },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "unsupported_media_type"),
      },
    },
  },
  "/api/v1/activityHistory/{id}": {
    get: {
      summary: "One activity",
      description:
        "The activity in the same shape as the list's items, for a caller who may read its record's history. An id nobody stored and an activity the caller may not read are the same 404; an id that is not a uuid is a 400.",
      tags: ["Activity history"],
      security: securedByEither,
      requestParams: { path: activityParamsSchema },
      responses: {
        "200": { description: "The activity", content: json(activitySchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/activityHistory/export": {
    get: {
      summary: "Export activity as CSV",
      description:
        "Streams matching activity, oldest first, for reporting tools. Bulk personal data, so it needs a scope of its own, `activity:export` (activity:read alone does not export; clients that held activity:read before the scope existed were granted it). No signed-in person may export. The rows are those the client may read.",
      tags: ["Activity history"],
      security: clientKeyWith("activity:export"),
      requestParams: { query: exportActivitiesQuerySchema },
      responses: {
        "200": { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
  },
  "/api/v1/events": {
    post: {
      summary: "Record a platform entity event",
      description:
        "Maps the event type to an activity as the council's activity-history listener does. The caller delivering the event is the activity's author and the event's `user` the person it acted for (`onBehalfOf`). Redelivery of the same event id stores nothing new (200); ignored types answer 202; unknown types 400. " +
        "A newly stored event runs every enabled event rule it matches (eventType, record type, newData fields) in the same transaction: " +
        "each makes a notification of its category for its audience, once per event id, listed in `notificationsCreated`. A redelivered event makes none.",
      tags: ["Activity history"],
      security: clientKeyWith("activity:write"),
      requestBody: { content: json(entityEventSchema) },
      responses: {
        "201": {
          description: "Stored",
          content: json(z.object({ outcome: z.literal("stored"), activity: activitySchema, notificationsCreated })),
        },
        "200": {
          description: "Already stored",
          content: json(z.object({ outcome: z.literal("duplicate"), activity: activitySchema, notificationsCreated })),
        },
        "202": {
          description: "Accepted and skipped",
          content: json(z.object({ outcome: z.literal("ignored"), eventType: z.string() })),
        },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
  },
};
