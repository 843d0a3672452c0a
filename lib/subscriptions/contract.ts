import { z } from "zod";
import "zod-openapi";
import { notificationTypes } from "@/db/schema";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { eventTypeNames, eventTypes, filterNames, isEventType, type EventTypeDefinition } from "./event-types";

// What the subscriptions API takes and answers (issue 13, seed 002's shapes).

const emailAddress = (what: string) =>
  z.email(`Enter ${what} as an email address, e.g. name@example.com`).max(320, "Must be at most 320 characters");

/** `yyyy-MM-dd` (a day in Europe/London), or a date and time with a zone (the London day it falls on). */
export const expiresOnSchema = z
  .string("expiresOn must be a date, e.g. 2027-03-31")
  .refine(
    (value) => z.iso.date().safeParse(value).success || z.iso.datetime({ offset: true }).safeParse(value).success,
    "expiresOn must be a date, e.g. 2027-03-31, or a date and time with a zone",
  )
  .refine((value) => !value.startsWith("0000"), "expiresOn must be a date, e.g. 2027-03-31")
  .meta({
    description:
      "The last day the subscription runs, to the end of that day in Europe/London. At most one year ahead: a later date, or none, means one year from today.",
    example: "2027-03-31",
  });

const filterValue = z
  .string("Must be text")
  .trim()
  .min(1, "Must not be empty")
  .max(200, "Must be at most 200 characters");

/** Seed 002's filters; which of them apply depends on the event type (checked below). */
const filtersSchema = z.record(z.string(), filterValue).meta({
  description: `Narrow the events: any of ${filterNames.join(", ")}, as the event type allows (GET /api/v1/event-types)`,
  example: { category: "rent-arrears", notificationType: "Email" },
});

const channelsSchema = z
  .object({
    webhook: z
      .object({
        url: z.url("Must be a URL, e.g. https://example.com/webhooks").max(2000, "Must be at most 2000 characters"),
      })
      .optional()
      .meta({ description: "POSTs signed per Standard Webhooks; https to a public address" }),
    email: z
      .object({
        addresses: z
          .array(emailAddress("each address"), "Give the addresses as a list")
          .min(1, "Give at least one address")
          .max(10, "Give at most 10 addresses"),
      })
      .optional()
      .meta({ description: "One GOV.UK Notify email per event: for low volumes" }),
  })
  .refine((channels) => channels.webhook || channels.email, "Choose a channel: webhook, email or both");

/** POST /api/v1/subscriptions */
export const createSubscriptionBodySchema = z
  .object({
    eventType: z
      .string("Choose an event type")
      .refine(isEventType, `Must be one of ${eventTypeNames.join(", ")}`)
      .meta({ example: "notification.created" }),
    filters: filtersSchema.optional(),
    contactEmails: z
      .array(emailAddress("each contact"), "Give the contacts' email addresses as a list")
      .min(1, "Give at least one contact email address, told when the subscription is about to expire or is disabled")
      .max(10, "Give at most 10 contact email addresses"),
    expiresOn: expiresOnSchema.optional(),
    notificationChannels: channelsSchema,
  })
  .superRefine((body, context) => {
    if (!isEventType(body.eventType)) return;
    const definition: EventTypeDefinition = eventTypes[body.eventType];
    for (const [name, value] of Object.entries(body.filters ?? {})) {
      if (!definition.filters.some((allowed) => allowed === name))
        context.addIssue({
          code: "custom",
          path: ["filters", name],
          message: `${body.eventType} cannot be filtered by ${name}; it can by ${definition.filters.join(", ")}`,
        });
      else if (name === "notificationType" && !notificationTypes.some((type) => type === value))
        context.addIssue({
          code: "custom",
          path: ["filters", name],
          message: `Must be one of ${notificationTypes.join(", ")}`,
        });
      else if (name === "status" && definition.statusValues && !definition.statusValues.includes(value))
        context.addIssue({
          code: "custom",
          path: ["filters", name],
          message: `Must be one of ${definition.statusValues.join(", ")}`,
        });
    }
  })
  .meta({ id: "CreateSubscription" });
export type CreateSubscriptionBody = z.output<typeof createSubscriptionBodySchema>;

/** PATCH /api/v1/subscriptions/{id}: only the expiry changes. */
export const updateSubscriptionBodySchema = z
  .looseObject({ expiresOn: expiresOnSchema.optional() })
  .superRefine((body, context) => {
    for (const name of Object.keys(body).filter((key) => key !== "expiresOn"))
      context.addIssue({
        code: "custom",
        path: [name],
        message: "Only expiresOn can change; delete and subscribe again for the rest",
      });
    if (body.expiresOn === undefined)
      context.addIssue({
        code: "custom",
        path: ["expiresOn"],
        message: "Give expiresOn, the only property that can change",
      });
  })
  .transform((body) => ({ expiresOn: body.expiresOn! }))
  .meta({ id: "UpdateSubscription" });
export type UpdateSubscriptionBody = z.output<typeof updateSubscriptionBodySchema>;

export const subscriptionIdParamsSchema = z.object({ id: z.uuid("Not a subscription id") });

/** GET /api/v1/subscriptions: the caller's own, newest first. */
export const listSubscriptionsQuerySchema = paginationQuerySchema.meta({ id: "ListSubscriptionsQuery" });
export type ListSubscriptionsQuery = z.output<typeof listSubscriptionsQuerySchema>;

export const subscriptionSchema = z
  .object({
    id: z.uuid(),
    eventType: z.enum(eventTypeNames),
    filters: z.record(z.string(), z.string()),
    contactEmails: z.array(z.string()),
    expiresOn: z.string().meta({ description: "The last day it runs (Europe/London)", example: "2027-03-31" }),
    clientId: z.uuid(),
    organisation: z.string().nullable(),
    partyIds: z.array(z.string()),
    notificationChannels: z.object({
      webhook: z.object({ url: z.string() }).optional(),
      email: z.object({ addresses: z.array(z.string()) }).optional(),
    }),
    disabledAt: z
      .string()
      .nullable()
      .meta({ description: "Set when deliveries stopped: 410 Gone, five days failing, or an admin" }),
    disabledReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Subscription" });
export type SubscriptionResponse = z.infer<typeof subscriptionSchema>;

export const createdSubscriptionSchema = subscriptionSchema
  .extend({
    secret: z.string().nullable().meta({
      description:
        "The webhook signing secret (whsec_…), shown this once: verify each webhook with it (Standard Webhooks). Null without a webhook channel.",
    }),
  })
  .meta({ id: "CreatedSubscription" });
export type CreatedSubscriptionResponse = z.infer<typeof createdSubscriptionSchema>;

export const rotatedSecretSchema = z
  .object({
    id: z.uuid(),
    secret: z.string().meta({ description: "The new signing secret (whsec_…), shown this once" }),
    previousSecretExpiresAt: z
      .string()
      .meta({ description: "Until then webhooks carry a signature by the old secret too" }),
  })
  .meta({ id: "RotatedSubscriptionSecret" });
export type RotatedSecretResponse = z.infer<typeof rotatedSecretSchema>;

export const subscriptionPageSchema = z
  .object({ results: z.array(subscriptionSchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "SubscriptionPage" });
