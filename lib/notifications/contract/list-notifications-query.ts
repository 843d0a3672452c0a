import { z } from "zod";
import "zod-openapi";
import { notificationTypes } from "@/db/schema";
import { pageSizeSchema } from "@/lib/api/pagination";
import { notificationFilterFields } from "./notification-filters";

// The seed's NotificationType has "All" besides the four types, and its list filters by type "unless
// All" (hackney.md); callers written for it send notificationType=All, so it is read as no filter.
const notificationTypeFilterSchema = z
  .enum([...notificationTypes, "All"])
  .transform((type) => (type === "All" ? undefined : type))
  .optional()
  .meta({ description: "Only notifications of this type; `All` (or leaving it out) lists every type." });

/** GET /api/v1/notifications. */
export const listNotificationsQuerySchema = z.object({
  notificationType: notificationTypeFilterSchema,
  ...notificationFilterFields,
  pageSize: pageSizeSchema,
  paginationToken: z.string().max(500).optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;
