import { z } from "zod";
import { isoDateTime } from "@/lib/api/dates";
import "zod-openapi";
import { activityTargetTypes, activityTypes, type ActivityTargetType } from "@/db/schema";

const dataObject = z
  .record(z.string(), z.unknown())
  .nullable()
  .optional()
  .meta({ description: "Only the fields that changed" });

/** A person named in a request: the one a client acts for (never the author; see onBehalfOf). */
export const personDetailsSchema = z.object({
  id: z.string().max(100).optional(),
  fullName: z.string().trim().min(1, "Enter the person's full name").max(200),
  email: z.email("Enter the person's email address").max(320),
});

// The directory's own history is written by the directory alone: a client may not put words in its mouth.
export type WritableTargetType = Exclude<ActivityTargetType, "directoryPerson" | "directoryTeam">;
const writableTargetTypes = activityTargetTypes.filter(
  (type): type is WritableTargetType => type !== "directoryPerson" && type !== "directoryTeam",
);

/** One activity as other services post it (the council's Activity History fields). */
export const createActivityBodySchema = z
  .object({
    id: z.uuid("id must be a uuid").optional(),
    type: z.enum(activityTypes, `Must be one of ${activityTypes.join(", ")}`),
    targetType: z.enum(writableTargetTypes, `Must be one of ${writableTargetTypes.join(", ")}`),
    targetId: z.uuid("targetId must be a uuid"),
    createdAt: isoDateTime("Must be an ISO 8601 date and time").optional().meta({
      description:
        "When it happened; defaults to now. At most 5 minutes ahead and ACTIVITY_MAX_BACKDATE_DAYS (7 by default) days back, else 400. The response's recordedAt is the time it was stored.",
    }),
    oldData: dataObject,
    newData: dataObject,
    onBehalfOf: personDetailsSchema.optional().meta({
      description: "The person the caller acts for. The author is always the caller itself.",
    }),
    authorDetails: personDetailsSchema.optional().meta({
      description:
        "The council's name for onBehalfOf, kept so existing callers work unchanged: recorded as onBehalfOf, never as the author",
    }),
    sourceDomain: z.string().trim().max(100).optional(),
    timetoLiveForRecord: z.number().int().min(0).max(36_500, "At most 36500 days").optional(),
  })
  .refine((body) => !(body.onBehalfOf && body.authorDetails), {
    path: ["onBehalfOf"],
    message: "Send onBehalfOf or authorDetails (its older name), not both",
  })
  .meta({ id: "CreateActivity" });
export type CreateActivityBody = z.infer<typeof createActivityBodySchema>;

export const createActivitiesBodySchema = z.union([
  createActivityBodySchema,
  z
    .array(createActivityBodySchema)
    .min(1, "Send at least one activity")
    .max(100, "Send at most 100 activities at once"),
]);
export type CreateActivitiesBody = z.infer<typeof createActivitiesBodySchema>;

/** Who recorded an activity: the signed-in person, or the API client (its id and name). */
const activityAuthorSchema = z.object({ id: z.string().optional(), fullName: z.string(), email: z.string() }).meta({
  description:
    "Who recorded it: the signed-in person, or the API client that posted it (its id, its name, and `<name>@api-clients.invalid`)",
});

export const activitySchema = z
  .object({
    id: z.uuid(),
    targetId: z.uuid(),
    type: z.enum(activityTypes),
    targetType: z.enum(activityTargetTypes),
    createdAt: z.string(),
    timetoLiveForRecord: z.number().int(),
    oldData: z.record(z.string(), z.unknown()).nullable(),
    newData: z.record(z.string(), z.unknown()).nullable(),
    authorDetails: activityAuthorSchema,
    onBehalfOf: personDetailsSchema.optional().meta({
      description:
        "The person the author acted for, when it named one (`onBehalfOf` or `authorDetails` in the request)",
    }),
    sourceDomain: z.string().nullable(),
    recordedAt: z.string().meta({
      description:
        "When the service stored it (server time, never the caller's); createdAt is the time the caller gave",
    }),
  })
  .meta({ id: "Activity" });
export type ActivityResponse = z.infer<typeof activitySchema>;

export const activityParamsSchema = z.object({ id: z.uuid("id must be a uuid") });

export const activityPageSchema = z
  .object({ results: z.array(activitySchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "ActivityPage" });

/**
 * The most activities one page holds. A larger pageSize is served this many with a nextToken, as the
 * council's API (which sets no upper bound) is called with pageSize 100 and more: a caller walking
 * the tokens still gets every record.
 */
export const maxActivityPageSize = 100;
const pageSizeMessage = "pageSize must be a whole number of at least 1";

const activityPageSizeSchema = z.coerce
  .number({ error: pageSizeMessage })
  .int(pageSizeMessage)
  .min(1, pageSizeMessage)
  .overwrite((pageSize) => Math.min(pageSize, maxActivityPageSize))
  .default(10)
  .meta({
    description: `Default 10. Above ${maxActivityPageSize} is served ${maxActivityPageSize} (with a nextToken when there are more), never refused; 0, negative or not a whole number is a 400.`,
  });

const timeFilter = (bound: string) =>
  isoDateTime("Must be an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z")
    .optional()
    .meta({ description: `Only activities whose createdAt is ${bound} (inclusive)` });

/** The list's from–to window the wrong way round: a 400 naming both bounds, each with its own message. */
function refuseReversedWindow(query: { from?: string; to?: string }, context: z.RefinementCtx): void {
  if (!query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to)) return;
  context.addIssue({ code: "custom", path: ["from"], message: "Must not be after to" });
  context.addIssue({ code: "custom", path: ["to"], message: "Must not be before from" });
}

export const listActivitiesQuerySchema = z
  .object({
    // The council's validator refuses the empty Guid as well (NotEqual(Guid.Empty)).
    targetId: z
      .uuid("targetId must be a uuid")
      .refine((id) => id !== "00000000-0000-0000-0000-000000000000", "targetId must not be the empty uuid"),
    pageSize: activityPageSizeSchema,
    paginationToken: z.string().max(500).optional(),
    type: z.enum(activityTypes).optional(),
    targetType: z.enum(activityTargetTypes, `Must be one of ${activityTargetTypes.join(", ")}`).optional(),
    sourceDomain: z.string().trim().min(1).max(100).optional().meta({ description: "Exact match, e.g. Person" }),
    from: timeFilter("at or after"),
    to: timeFilter("at or before"),
  })
  .superRefine(refuseReversedWindow);
export type ListActivitiesQuery = z.infer<typeof listActivitiesQuerySchema>;

export const exportActivitiesQuerySchema = z
  .object({
    targetType: z.enum(activityTargetTypes).optional(),
    from: isoDateTime("Must be an ISO 8601 date and time").optional(),
    to: isoDateTime("Must be an ISO 8601 date and time").optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
    path: ["to"],
    message: "Must not be before from",
  });
export type ExportActivitiesQuery = z.infer<typeof exportActivitiesQuerySchema>;

/** The platform's SNS entity event, as the council's activity-history listener receives it. */
export const entityEventSchema = z
  .object({
    id: z.uuid("id must be a uuid"),
    eventType: z.string().min(1).max(100),
    sourceDomain: z.string().max(100).optional(),
    sourceSystem: z.string().max(100).optional(),
    version: z.string().max(20).optional(),
    correlationId: z.string().max(100).optional(),
    dateTime: isoDateTime("Must be an ISO 8601 date and time").meta({
      description:
        "Becomes createdAt, within the same limits: at most 5 minutes ahead and ACTIVITY_MAX_BACKDATE_DAYS back",
    }),
    user: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320) }),
    entityId: z.uuid("entityId must be a uuid"),
    eventData: z
      .object({
        oldData: z.record(z.string(), z.unknown()).nullable().optional(),
        newData: z.record(z.string(), z.unknown()).nullable().optional(),
      })
      .optional(),
  })
  .meta({ id: "EntityEvent" });
export type EntityEvent = z.infer<typeof entityEventSchema>;
