import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { clientKeyWith, problemResponses } from "@/lib/openapi/problem-responses";
import {
  createSubscriptionBodySchema,
  createdSubscriptionSchema,
  listSubscriptionsQuerySchema,
  rotatedSecretSchema,
  subscriptionIdParamsSchema,
  subscriptionPageSchema,
  subscriptionSchema,
  updateSubscriptionBodySchema,
} from "./contract";
import { eventTypeListSchema } from "./describe-event-types";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["Subscriptions"];
// Subscriptions belong to API clients: a person's session, even an admin's, is refused (403).
const security = clientKeyWith("subscriptions:manage");
const own = "A client sees only its own subscriptions: another client's id is a 404, as for an unknown one.";

export const subscriptionPaths: ZodOpenApiPathsObject = {
  "/api/v1/event-types": {
    get: {
      summary: "List event types",
      description:
        "Every event a subscription may hear, with the filters it takes and the JSON Schema of the `data` in its webhook body " +
        "`{ type, timestamp, data }`. For clients holding subscriptions:manage, and administrators.",
      tags,
      security: [...security, { session: [] }],
      responses: {
        "200": { description: "The catalogue", content: json(eventTypeListSchema) },
        ...problemResponses("unauthorized", "forbidden", "rate_limited"),
      },
    },
  },
  "/api/v1/subscriptions": {
    get: {
      summary: "List subscriptions",
      description: `The calling client's subscriptions, newest first. ${own}`,
      tags,
      security,
      requestParams: { query: listSubscriptionsQuerySchema },
      responses: {
        "200": { description: "A page", content: json(subscriptionPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "rate_limited"),
      },
    },
    post: {
      summary: "Subscribe to an event type",
      description:
        "Webhook and/or email. A webhook URL must be https and resolve only to public addresses. The answer carries the " +
        "webhook signing secret (whsec_…) this once: webhooks are signed per Standard Webhooks (webhook-id, " +
        "webhook-timestamp, webhook-signature v1).",
      tags,
      security,
      requestBody: { content: json(createSubscriptionBodySchema) },
      responses: {
        "201": { description: "Subscribed", content: json(createdSubscriptionSchema) },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "unsupported_media_type",
          "rate_limited",
          "service_unavailable",
        ),
      },
    },
  },
  "/api/v1/subscriptions/{id}": {
    get: {
      summary: "One subscription",
      description: own,
      tags,
      security,
      requestParams: { path: subscriptionIdParamsSchema },
      responses: {
        "200": { description: "The subscription", content: json(subscriptionSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
    patch: {
      summary: "Change a subscription's expiry",
      description: `Only expiresOn changes; a date past one year ahead means one year ahead. ${own}`,
      tags,
      security,
      requestParams: { path: subscriptionIdParamsSchema },
      requestBody: { content: json(updateSubscriptionBodySchema) },
      responses: {
        "200": { description: "The subscription as it now is", content: json(subscriptionSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
    delete: {
      summary: "Delete a subscription",
      description: `Nothing more is delivered for it. ${own}`,
      tags,
      security,
      requestParams: { path: subscriptionIdParamsSchema },
      responses: {
        "204": { description: "Deleted" },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/subscriptions/{id}/secret": {
    post: {
      summary: "Rotate a subscription's signing secret",
      description: `A new secret, shown this once. For 24 hours webhooks carry a signature by the old secret too, so the receiver can switch over. 409 without a webhook channel. ${own}`,
      tags,
      security,
      requestParams: { path: subscriptionIdParamsSchema },
      responses: {
        "200": { description: "The new secret", content: json(rotatedSecretSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "conflict", "service_unavailable"),
      },
    },
  },
};
