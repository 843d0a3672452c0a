import { z } from "zod";
import "zod-openapi";
import { actionTypes, deliveryChannels, notificationTypes } from "@/db/schema";
import { countLimit } from "./count-limit";
import { recipientSchema } from "./recipient";

// What the notifications API answers. The browser takes its types from here (type imports only).

const deliverySchema = z.object({
  channel: z.enum(deliveryChannels),
  status: z.string(),
  notifyId: z.string().nullable(),
  sentAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  error: z.string().nullable(),
  documentId: z.string().nullable().meta({
    description: "A letter's PDF or an email's attached file in the document store (GET /api/v1/documents/{uid})",
  }),
});

// The seed's sentMessageDetails: each message of the notification as GOV.UK Notify names it (the
// field names of the seed's message-status answer), from the same rows as `deliveries`.
const sentMessageSchema = z
  .object({
    id: z.string().nullable().meta({ description: "GOV.UK Notify's id for the message; null until Notify holds it" }),
    type: z.enum(deliveryChannels).meta({ description: "Notify's type: email, sms or letter" }),
    status: z.string().meta({
      description:
        "Notify's status (created, sending, delivered, permanent-failure …) once Notify holds it; before that ours: pending, scheduled, rejected, failed or cancelled",
    }),
    sentAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: "SentMessageDetail" });

const actionSchema = z
  .object({
    actionType: z.enum(actionTypes),
    actionNote: z.string().nullable(),
    performedBy: z.string(),
    performedAt: z.string(),
    onBehalfOfUserId: z.uuid().nullable().meta({
      description:
        "A service's IsRead for one recipient (onBehalfOf): whose copy it marked read. Null on a service's IsRead: every recipient's copy",
    }),
  })
  .meta({ id: "NotificationAction" });

/** A notification as the API returns it: the seed's field names, plus recipient, category, deliveries. */
export const notificationSchema = z
  .object({
    id: z.uuid(),
    targetId: z.string().nullable(),
    targetType: z.string().nullable(),
    notificationType: z.enum(notificationTypes),
    category: z.string().nullable(),
    message: z.string().nullable(),
    recipient: recipientSchema.nullable().meta({ description: "The one recipient; null for a recipients list" }),
    recipients: z.array(recipientSchema).meta({
      description: "Everyone it is addressed to: a recipients list as named, or the one recipient (empty when none)",
    }),
    user: z.string().nullable().meta({
      description:
        "The seed's user, as the create request gave it (an email address or an id); null if it named a recipient instead",
    }),
    serviceKey: z.string().nullable(),
    templateId: z.string().nullable(),
    email: z.string().nullable(),
    mobileNumber: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    personalisationParams: z.record(z.string(), z.unknown()).nullable(),
    requireAction: z.boolean(),
    requireEmailNotification: z.boolean(),
    requireSmsNotification: z.boolean(),
    requireLetter: z.boolean(),
    isReadStatus: z.boolean(),
    isArchived: z.boolean(),
    actionRequired: z.boolean().meta({ description: "Still waiting for someone to act on it" }),
    isRemovable: z.boolean(),
    actionNote: z.string().nullable(),
    performedActionType: z.enum(actionTypes).nullable(),
    performedActionDoneBy: z.string().nullable(),
    performedActionDate: z.string().nullable(),
    actionUrl: z.string().nullable(),
    actionLabel: z.string().nullable(),
    sendAt: z.string().nullable(),
    createdDate: z.string(),
    remindedAt: z
      .string()
      .nullable()
      .meta({ description: "When an escalation rule re-announced it to its audience, as nobody had acted on it" }),
    escalation: z
      .object({
        escalatedAt: z.string(),
        escalatedTo: z.string().meta({ description: 'Whom it went to, e.g. "Finance managers"' }),
        notActedOnFor: z.string().meta({ description: 'How long nobody had acted on it, e.g. "2 working days"' }),
      })
      .nullable()
      .meta({ description: "Set once an escalation rule sent it to the managers of its audience" }),
    deliveries: z.array(deliverySchema),
    sentMessageDetails: z.array(sentMessageSchema).nullable().meta({
      description:
        "The seed's field: each email, text or letter of the notification with Notify's id and status (the same messages as deliveries); null when it goes out on no channel",
    }),
    unreachable: z
      .array(z.object({ userId: z.uuid(), reason: z.string() }))
      .optional()
      .meta({
        description:
          "recipient residentsOf only, in the create answer: the residents no channel the request allows reaches (they still get the inbox copy)",
      }),
    actions: z
      .array(actionSchema)
      .optional()
      .meta({ description: "The audit trail, oldest first (single notification only)" }),
  })
  .meta({ id: "Notification" });
export type NotificationResponse = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z
  .object({ results: z.array(notificationSchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "NotificationPage" });
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const notificationCountsSchema = z
  .object({
    unread: z.number().int().max(countLimit).meta({ description: "Not read and not archived" }),
    actionRequired: z.number().int().max(countLimit).meta({ description: "Still waiting for an action, not archived" }),
    all: z.number().int().max(countLimit).meta({ description: "Everything not archived" }),
    archived: z.number().int().max(countLimit),
  })
  .meta({
    id: "NotificationCounts",
    description: `Each count stops at ${countLimit}: ${countLimit} means "${countLimit} or more" (the badges show "${countLimit - 1}+"), so counting costs the same for an inbox of 100 items or of a million.`,
  });
export type NotificationCounts = z.infer<typeof notificationCountsSchema>;

/** POST /api/v1/notifications/{id}/cancel: the notification, and what became of each of its deliveries. */
export const cancelledNotificationSchema = notificationSchema
  .extend({
    cancellation: z.object({
      deliveries: z.array(
        z.object({
          deliveryId: z.uuid(),
          channel: z.enum(deliveryChannels),
          status: z.string(),
          outcome: z.enum(["cancelled", "notCancellable"]).meta({
            description:
              "cancelled: it will never be sent (by this request or an earlier one); notCancellable: already handed to GOV.UK Notify, or finished",
          }),
          reason: z.string().nullable(),
        }),
      ),
    }),
  })
  .meta({ id: "CancelledNotification" });
export type CancelledNotificationResponse = z.infer<typeof cancelledNotificationSchema>;
