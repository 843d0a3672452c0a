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
import {
  listSubscriptionMessagesQuerySchema,
  maxReplayLimit,
  replayMessagesBodySchema,
  replayOneResultSchema,
  replayResultSchema,
  subscriptionMessageIdParamsSchema,
  subscriptionMessagePageSchema,
  subscriptionMessageWithAttemptsSchema,
} from "./messages-contract";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["Subscriptions"];
// Subscriptions belong to API clients: a person's session, even an admin's, is refused (403).
const security = clientKeyWith("subscriptions:manage");
const own = "A client sees only its own subscriptions: another client's id is a 404, as for an unknown one.";
const messageTags = ["Subscription messages"];
const ownMessage = "A client sees only its own subscriptions' messages: another client's id is a 404.";

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
  "/api/v1/subscription-messages": {
    get: {
      summary: "List subscription messages",
      description:
        "The calling client's messages (one event for one of its subscriptions on one channel), newest first: " +
        "pending until delivered (sent) or given up on (fail). A message's id is the webhook-id it is sent with.",
      tags: messageTags,
      security,
      requestParams: { query: listSubscriptionMessagesQuerySchema },
      responses: {
        "200": { description: "A page", content: json(subscriptionMessagePageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "rate_limited"),
      },
    },
  },
  "/api/v1/subscription-messages/{id}": {
    get: {
      summary: "One subscription message with its attempts",
      description: `Every attempt at delivering it: time, status code, duration and the first 2 KB of the answer. ${ownMessage}`,
      tags: messageTags,
      security,
      requestParams: { path: subscriptionMessageIdParamsSchema },
      responses: {
        "200": { description: "The message", content: json(subscriptionMessageWithAttemptsSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/subscription-messages/replay": {
    post: {
      summary: "Replay subscription messages by query",
      description:
        `Replays the calling client's messages in one status (fail unless given), narrowed by the source event's ` +
        `attributes, oldest first, up to limit (at most ${maxReplayLimit}). Each replay is a new message with the ` +
        "same payload (and a new webhook-id), queued at once; a message already replayed is replayed again only through " +
        "its latest copy. Messages of deleted, disabled or expired subscriptions are matched but not queued. " +
        "dryRun: true counts and queues nothing; the same request without it may match differently, as messages " +
        "keep changing. clientId and organisation default to the caller's; another's is a 404. Every request is kept " +
        "for audit under the id answered.",
      tags: messageTags,
      security,
      requestBody: { content: json(replayMessagesBodySchema) },
      responses: {
        "200": { description: "What was (or would be) replayed", content: json(replayResultSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "unsupported_media_type"),
      },
    },
  },
  "/api/v1/subscription-messages/{id}/replay": {
    post: {
      summary: "Replay one subscription message",
      description:
        "Sends the message again as a new message with the same payload (replayId), queued at once. 409 while it is " +
        `still pending, once it has a later copy, or when its subscription is deleted, disabled or expired. ${ownMessage}`,
      tags: messageTags,
      security,
      requestParams: { path: subscriptionMessageIdParamsSchema },
      responses: {
        "200": { description: "Queued", content: json(replayOneResultSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "conflict"),
      },
    },
  },
};
