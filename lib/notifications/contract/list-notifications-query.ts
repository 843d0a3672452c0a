import { z } from "zod";
import "zod-openapi";
import { notificationTypes } from "@/db/schema";
import { isoDate } from "@/lib/api/dates";
import { pageSizeSchema } from "@/lib/api/pagination";
import { categoryKeys } from "@/lib/rules/categories";

// Browser-safe on purpose: the inbox derives its URL filters from these fields, so this module
// imports no database client and nothing from node:.

const notificationStatuses = ["all", "unread", "read", "actionRequired", "archived"] as const;

/** The filters a list of notifications takes, field by field, for the API and the inbox's URL alike. */
export const notificationFilterFields = {
  notificationType: z.enum(notificationTypes).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  status: z.enum(notificationStatuses).default("all"),
  category: z.enum(categoryKeys, "Not a known category").optional(),
  from: isoDate("Use a date such as 2026-11-23").optional().meta({ description: "Created on or after this day (UTC)" }),
  to: isoDate("Use a date such as 2026-11-23").optional().meta({ description: "Created on or before this day (UTC)" }),
  q: z
    .string()
    .trim()
    .max(200, "Must be at most 200 characters")
    .optional()
    .meta({ description: "Text the message contains" }),
};

/** GET /api/v1/notifications. */
export const listNotificationsQuerySchema = z.object({
  ...notificationFilterFields,
  pageSize: pageSizeSchema,
  paginationToken: z.string().max(500).optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;
export type NotificationStatus = ListNotificationsQuery["status"];
