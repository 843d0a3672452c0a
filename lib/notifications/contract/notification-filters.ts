import { z } from "zod";
import "zod-openapi";
import { isoDate } from "@/lib/api/dates";
import { categoryKeys } from "@/lib/rules/categories";

// Browser-safe on purpose: the inbox parses its URL with these fields, so this module imports
// nothing from db/ or node: (and nothing that does).

const notificationStatuses = ["all", "unread", "read", "actionRequired", "archived"] as const;

/** The filters a list of notifications takes, field by field, for the API and the inbox's URL alike. */
export const notificationFilterFields = {
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
