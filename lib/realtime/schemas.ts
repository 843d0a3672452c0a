import { z } from "zod";
import "zod-openapi";
import { notificationEventTypes } from "@/db/schema";

const eventId = z
  .string()
  .regex(/^\d{1,15}$/, "Must be the id of an event this stream sent")
  .transform(Number);

/** Where a stream resumes. The header wins: EventSource sends it on every reconnect, newer than the URL's. */
export const streamNotificationsQuerySchema = z.object({
  lastEventId: eventId
    .optional()
    .meta({ description: "Resume after this event id, for clients that cannot send Last-Event-ID" }),
});

export const streamNotificationsHeadersSchema = z.object({
  "Last-Event-ID": eventId
    .optional()
    .meta({ description: "Resume after this event id (EventSource sends it when it reconnects)" }),
});

/** The `data` of a notification.created or notification.updated event; fetch the notification for the rest. */
export const notificationStreamEventSchema = z
  .object({ notificationId: z.uuid(), type: z.enum(notificationEventTypes) })
  .meta({ id: "NotificationStreamEvent" });
