import { z } from "zod";
import "zod-openapi";
import { roles } from "@/db/schema";
import { paginationQuerySchema } from "@/lib/api/pagination";

// The directory's contract for a team. Whether each member and manager is a staff member in the
// directory is checked against the database (lib/directory/teams.ts), with the same field paths.

/** The stable key other services address a team by: lower-case words joined by hyphens. */
export const teamKeySchema = z
  .string("Must be a team key")
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Must be lower-case letters and digits joined by hyphens, e.g. housing-officers")
  .max(50, "Must be at most 50 characters")
  .meta({ example: "housing-officers" });

const userIds = (what: string) =>
  z
    .array(z.uuid("Must be a person's id (a uuid)"), `Must be a list of ${what}' ids`)
    .refine((ids) => ids.length <= 10_000, `At most 10,000 ${what}`)
    .transform((ids) => [...new Set(ids)]);

const staffRoles = roles.filter((role) => role !== "resident");

const teamFields = {
  name: z
    .string("Enter the team's name")
    .trim()
    .min(1, "Enter the team's name")
    .max(200, "Must be at most 200 characters"),
  members: userIds("members").meta({ description: "The ids of the staff in the team (people's `id`)" }),
  managers: userIds("managers").meta({
    description: "The ids of the staff its escalations reach; they need not be members",
  }),
  managerRole: z
    .enum(staffRoles, `Must be one of ${staffRoles.join(", ")}`)
    .meta({ description: "Escalations go to everyone holding this role when no manager is named" }),
};

/** POST /api/v1/teams. */
export const createTeamBodySchema = z
  .object({
    key: teamKeySchema,
    name: teamFields.name,
    members: teamFields.members.optional(),
    managers: teamFields.managers.optional(),
    managerRole: teamFields.managerRole.nullable().optional(),
  })
  .meta({ id: "CreateTeam" });
export type CreateTeamBody = z.output<typeof createTeamBodySchema>;

/** PATCH /api/v1/teams/{key}: only the fields sent change; members and managers are replaced whole. */
export const updateTeamBodySchema = z
  .object({
    name: teamFields.name.optional(),
    members: teamFields.members.optional(),
    managers: teamFields.managers.optional(),
    managerRole: teamFields.managerRole.nullable().optional(),
  })
  .meta({ id: "UpdateTeam" });
export type UpdateTeamBody = z.output<typeof updateTeamBodySchema>;

export const teamKeyParamsSchema = z.object({ key: teamKeySchema });

/** A team as the API answers with it. */
export const teamSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    managerRole: z.enum(roles).nullable(),
    members: z.array(z.uuid()),
    managers: z.array(z.uuid()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Team" });
export type TeamResponse = z.infer<typeof teamSchema>;

/** A team in a list: its member count rather than every member. */
export const teamSummarySchema = teamSchema.omit({ members: true }).extend({ memberCount: z.number().int() }).meta({
  id: "TeamSummary",
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

/** GET /api/v1/teams: every team by key, paged. */
export const listTeamsQuerySchema = paginationQuerySchema;
export type ListTeamsQuery = z.output<typeof listTeamsQuerySchema>;
