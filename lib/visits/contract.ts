import { z } from "zod";
import "zod-openapi";
import { visitStatuses } from "@/db/schema";
import { isoDateTime } from "@/lib/api/dates";
import { paginationQuerySchema } from "@/lib/api/pagination";

// What the visits API takes and answers. The browser and the rules take their types from here.

const dateTime = (field: string) =>
  isoDateTime(`${field} must be a date and time with a zone, e.g. 2026-03-02T10:00:00Z`).meta({
    example: "2026-03-02T10:00:00Z",
  });
const kindSchema = z
  .string("Say what the visit is for, e.g. gas safety check")
  .trim()
  .min(1, "Say what the visit is for, e.g. gas safety check")
  .max(100, "Must be at most 100 characters");

export const visitIdParamsSchema = z.object({ id: z.uuid("Not a visit id") });

/** POST /api/v1/visits. The resident is named as notifications name a person: personId or their directory id. */
export const createVisitBodySchema = z
  .object({
    propertyId: z.uuid("Must be the property's asset id (a uuid)"),
    personId: z
      .uuid("Must be the resident's council person id (a uuid)")
      .optional()
      .meta({ description: "The resident's council person id; or give residentUserId" }),
    residentUserId: z
      .uuid("Must be the resident's directory id (a uuid)")
      .optional()
      .meta({ description: "The resident's directory id (users.id); or give personId" }),
    officerUserId: z.uuid("Must be the visiting officer's directory id (a uuid)"),
    startsAt: dateTime("startsAt"),
    endsAt: dateTime("endsAt"),
    kind: kindSchema.meta({ example: "gas safety check" }),
  })
  .superRefine((body, context) => {
    if (!body.personId === !body.residentUserId)
      context.addIssue({
        code: "custom",
        path: ["personId"],
        message: body.personId
          ? "Give the resident once: personId or residentUserId, not both"
          : "Say who is visited: the resident's personId or residentUserId",
      });
    if (Date.parse(body.endsAt) <= Date.parse(body.startsAt))
      context.addIssue({ code: "custom", path: ["endsAt"], message: "Must be after startsAt" });
  })
  .meta({ id: "CreateVisit" });
export type CreateVisitBody = z.output<typeof createVisitBodySchema>;

/** PATCH /api/v1/visits/{id}: a reschedule, to another time or officer (or both). */
export const updateVisitBodySchema = z
  .object({
    startsAt: dateTime("startsAt").optional(),
    endsAt: dateTime("endsAt").optional(),
    officerUserId: z.uuid("Must be the visiting officer's directory id (a uuid)").optional(),
  })
  .superRefine((body, context) => {
    if (body.startsAt === undefined && body.endsAt === undefined && body.officerUserId === undefined)
      context.addIssue({
        code: "custom",
        path: ["startsAt"],
        message: "Give what changes: startsAt, endsAt or officerUserId",
      });
  })
  .meta({ id: "UpdateVisit" });
export type UpdateVisitBody = z.output<typeof updateVisitBodySchema>;

/** GET /api/v1/visits: by start time, earliest first; `from`/`to` bound the start. */
export const listVisitsQuerySchema = paginationQuerySchema
  .extend({
    propertyId: z.uuid("Must be a property's asset id (a uuid)").optional(),
    officerUserId: z.uuid("Must be an officer's directory id (a uuid)").optional(),
    status: z.enum(visitStatuses, "Must be one of booked, cancelled").optional(),
    from: dateTime("from").optional().meta({ description: "Visits starting at or after this time" }),
    to: dateTime("to").optional().meta({ description: "Visits starting before this time" }),
  })
  .superRefine((query, context) => {
    if (query.from && query.to && Date.parse(query.to) <= Date.parse(query.from))
      context.addIssue({ code: "custom", path: ["to"], message: "Must be after from" });
  })
  .meta({ id: "ListVisitsQuery" });
export type ListVisitsQuery = z.output<typeof listVisitsQuerySchema>;

export const visitSchema = z
  .object({
    id: z.uuid(),
    propertyId: z.uuid(),
    residentUserId: z.uuid(),
    personId: z.uuid().nullable().meta({ description: "The resident's council person id, when the directory has one" }),
    officerUserId: z.uuid(),
    startsAt: z.string(),
    endsAt: z.string(),
    kind: z.string(),
    status: z.enum(visitStatuses),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Visit" });
export type VisitResponse = z.infer<typeof visitSchema>;

export const visitPageSchema = z
  .object({ results: z.array(visitSchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "VisitPage" });
