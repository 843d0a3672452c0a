import { z } from "zod";
import "zod-openapi";
import { createNotificationBodySchema } from "../contract/create-notification-body";
import { notificationSchema } from "../contract/responses";

export const maxBulkNotifications = 1000;
/**
 * 10 MB: a thousand bodies of several kilobytes each, where one create takes 3.2 MB (a 2 MB
 * attachment as base64) and other JSON bodies 1 MB. Attachments do travel in bulk, a few per request.
 */
export const maxBulkBytes = 10 * 1024 * 1024;

/**
 * POST /api/v1/notifications/bulk: `{ notifications: [...] }`, an object rather than a bare array so
 * the request can grow fields later. `item` is what each element must be.
 */
function bulkBodyOf<Item extends z.ZodType>(item: Item) {
  return z.object(
    {
      notifications: z
        .array(item, "Send { notifications: [ … ] }, each as the body of POST /api/v1/notifications")
        .min(1, "Send at least one notification")
        .max(maxBulkNotifications, `Send at most ${maxBulkNotifications} notifications in one request`),
    },
    "Send an object, { notifications: [ … ] }, not a bare array",
  );
}

/**
 * The envelope as the route reads it: each item is then checked by the create pipeline with
 * createNotificationBodySchema, so every failing item is named by its index, not only the first.
 */
export const bulkEnvelopeSchema = bulkBodyOf(z.unknown());

/** The same request as the OpenAPI document describes it, item by item. */
export const createBulkBodySchema = bulkBodyOf(createNotificationBodySchema).meta({ id: "CreateNotificationsBulk" });

export const bulkCreatedSchema = z
  .object({
    count: z.number().int().meta({ description: "How many notifications were created: one per item" }),
    ids: z.array(z.uuid()).meta({ description: "The new notifications' ids, in the order of the items" }),
    notifications: z
      .array(notificationSchema)
      .meta({ description: "Each as POST /api/v1/notifications answers it, in the order of the items" }),
  })
  .meta({ id: "BulkCreated" });
export type BulkCreated = z.infer<typeof bulkCreatedSchema>;
