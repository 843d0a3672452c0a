import { z } from "zod";
import "zod-openapi";
import { subscriptionAttemptTriggers, subscriptionMessageStatuses, subscriptionChannels } from "@/db/schema";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { filterNames } from "./event-types";

// What the subscription-messages API takes and answers (issue 13 part 3, seed 002's "notifications"
// API with a consumer's messages as the notifications).

/**
 * The most messages one replay request may queue. Seed 002 leaves it to the system; 1,000 keeps one
 * replay's transaction short (one insert and one pg-boss insert of at most 1,000 rows).
 */
export const maxReplayLimit = 1000;

export const subscriptionMessageIdParamsSchema = z.object({ id: z.uuid("Not a message id") });

/** GET /api/v1/subscription-messages: the caller's messages, newest first. */
export const listSubscriptionMessagesQuerySchema = paginationQuerySchema
  .extend({
    subscriptionId: z.uuid("subscriptionId must be a subscription's id").optional(),
    status: z.enum(subscriptionMessageStatuses, "status must be sent, fail or pending").optional(),
  })
  .meta({ id: "ListSubscriptionMessagesQuery" });
export type ListSubscriptionMessagesQuery = z.output<typeof listSubscriptionMessagesQuerySchema>;

const filterValue = z
  .string("Must be text")
  .trim()
  .min(1, "Must not be empty")
  .max(200, "Must be at most 200 characters");

/** Seed 002's filters on the source event's attributes: the message's facet columns. */
const replayFiltersSchema = z
  .strictObject(
    Object.fromEntries(filterNames.map((name) => [name, filterValue.optional()])) as Record<
      (typeof filterNames)[number],
      z.ZodOptional<typeof filterValue>
    >,
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Filter by ${filterNames.join(", ")}`
          : 'filters must be an object, e.g. { "category": "rent-arrears" }',
    },
  )
  .meta({ description: `Attributes of the source event: any of ${filterNames.join(", ")}` });
export type ReplayFilters = z.output<typeof replayFiltersSchema>;

/** POST /api/v1/subscription-messages/replay (seed 002's body). */
export const replayMessagesBodySchema = z
  .object({
    id: z.uuid("id must be a message id (a UUID)").optional().meta({ description: "Only this message" }),
    status: z
      .enum(["sent", "fail"], "status must be sent or fail")
      .default("fail")
      .meta({ description: "Messages in this state; fail unless given" }),
    filters: replayFiltersSchema.optional(),
    limit: z
      .number("limit is required: a whole number from 1 to " + maxReplayLimit)
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(maxReplayLimit, `limit must be at most ${maxReplayLimit}, the most one replay may queue`)
      .meta({ description: `At most this many messages (the system maximum is ${maxReplayLimit})` }),
    clientId: z
      .string("clientId must be text")
      .max(200)
      .optional()
      .meta({ description: "Your own client id; another client's is a 404. Yours unless given" }),
    organisation: z
      .string("organisation must be text")
      .max(200)
      .optional()
      .meta({ description: "Your own organisation; another is a 404. Yours unless given" }),
    dryRun: z.boolean("dryRun is required: true to count without queuing, false to replay").meta({
      description: "true counts what would be replayed and queues nothing",
    }),
  })
  .meta({ id: "ReplaySubscriptionMessages" });
export type ReplayMessagesBody = z.output<typeof replayMessagesBodySchema>;

export const replayResultSchema = z
  .object({
    id: z.uuid().meta({ description: "This replay request, kept for audit" }),
    request: z.object({
      id: z.uuid().optional(),
      status: z.enum(["sent", "fail"]),
      filters: z.record(z.string(), z.string()),
      limit: z.number(),
      clientId: z.string(),
      organisation: z.string().nullable(),
      dryRun: z.boolean(),
    }),
    results: z.object({
      matched: z.number().meta({ description: "Messages the request matched, up to limit" }),
      queued: z.number().meta({
        description:
          "Of those, queued again (a dry run: would be). Messages of deleted, disabled or expired subscriptions are not",
      }),
    }),
  })
  .meta({ id: "SubscriptionMessageReplay" });
export type ReplayResult = z.infer<typeof replayResultSchema>;

export const replayOneResultSchema = z
  .object({
    id: z.uuid().meta({ description: "The message replayed" }),
    replayId: z.uuid().meta({ description: "The new message carrying the same payload" }),
    status: z.literal("Queued"),
  })
  .meta({ id: "SubscriptionMessageReplayed" });
export type ReplayOneResult = z.infer<typeof replayOneResultSchema>;

export const subscriptionMessageSchema = z
  .object({
    id: z.uuid().meta({ description: "Also the webhook-id header, the same on every attempt" }),
    subscriptionId: z.uuid(),
    channel: z.enum(subscriptionChannels),
    eventType: z.string(),
    eventId: z.uuid(),
    status: z.enum(subscriptionMessageStatuses),
    attemptCount: z.number(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    lastStatusCode: z.number().nullable(),
    replayOf: z.uuid().nullable().meta({ description: "The original message this one replays" }),
    payload: z.unknown().meta({ description: "`{ type, timestamp, data }` exactly as sent" }),
  })
  .meta({ id: "SubscriptionMessage" });
export type SubscriptionMessageResponse = z.infer<typeof subscriptionMessageSchema>;

export const subscriptionAttemptSchema = z
  .object({
    id: z.uuid(),
    attemptedAt: z.string(),
    trigger: z.enum(subscriptionAttemptTriggers),
    statusCode: z.number().nullable(),
    durationMs: z.number(),
    responseExcerpt: z.string().meta({ description: "The first 2 KB of the answer" }),
    error: z.string().nullable(),
  })
  .meta({ id: "SubscriptionAttempt" });
export type SubscriptionAttemptResponse = z.infer<typeof subscriptionAttemptSchema>;

export const subscriptionMessageWithAttemptsSchema = subscriptionMessageSchema
  .extend({ attempts: z.array(subscriptionAttemptSchema).meta({ description: "Oldest first" }) })
  .meta({ id: "SubscriptionMessageWithAttempts" });
export type SubscriptionMessageWithAttemptsResponse = z.infer<typeof subscriptionMessageWithAttemptsSchema>;

export const subscriptionMessagePageSchema = z
  .object({
    results: z.array(subscriptionMessageSchema),
    paginationDetails: z.object({ nextToken: z.string().nullable() }),
  })
  .meta({ id: "SubscriptionMessagePage" });
