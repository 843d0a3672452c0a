import { z } from "zod";
import "zod-openapi";
import { notificationTypes } from "@/db/schema";
import { pageSizeSchema } from "@/lib/api/pagination";
import { notificationFilterFields } from "./notification-filters";

/** GET /api/v1/notifications. */
export const listNotificationsQuerySchema = z.object({
  notificationType: z.enum(notificationTypes).optional(),
  ...notificationFilterFields,
  pageSize: pageSizeSchema,
  paginationToken: z.string().max(500).optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;
