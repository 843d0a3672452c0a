import { z } from "zod";
import { roles } from "@/db/schema/directory";

// SSO_GROUP_MAP: which teams and roles a group in the council's identity provider gives its members
// (lib/auth/provision-person.ts). Teams live in the database, so a key here is only checked for its
// shape; one that names no team is skipped at sign-in with a warning.

const teamKeySchema = z
  .string({ error: "must be a team key" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "must be a team key (lower-case letters and digits joined by hyphens)" });

const groupGrantSchema = z
  .strictObject(
    {
      teams: z.array(teamKeySchema, { error: "must be a list of team keys" }).default([]),
      roles: z
        .array(z.enum(roles, { error: `must be one of ${roles.join(", ")}` }), {
          error: "must be a list of roles",
        })
        .default([]),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(", ")} (use "teams" and "roles")`
          : 'must be an object such as { "teams": ["finance"], "roles": ["finance-officer"] }',
    },
  )
  .refine((grant) => grant.teams.length > 0 || grant.roles.length > 0, {
    error: "must give at least one team or role",
  });

export const groupMapShape = 'a JSON object of group name or id → { "teams": [team keys], "roles": [roles] }';

export const groupMapSchema = z.record(z.string().min(1, { error: "a group name cannot be empty" }), groupGrantSchema, {
  error: (issue) => (issue.code === "invalid_type" ? `must be ${groupMapShape}` : undefined),
});

/** Group name or object id → what it gives. */
export type GroupMap = z.output<typeof groupMapSchema>;
export type GroupGrant = GroupMap[string];
