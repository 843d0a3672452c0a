import { z } from "zod";
import "zod-openapi";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { ruleDefinitionSchema, ruleKinds } from "./definitions";

// The API's contract for a rule. The definition's own schema, per kind, is in ./definitions.ts.

const ruleName = z
  .string("Enter the rule's name")
  .trim()
  .min(1, "Enter the rule's name")
  .max(200, "Must be at most 200 characters");
const enabled = z.boolean("Must be true or false");

/** POST /api/v1/rules: a name, the kind and the kind's definition; enabled unless said otherwise. */
export const createRuleBodySchema = z
  .object({ name: ruleName, enabled: enabled.default(true) })
  .and(ruleDefinitionSchema)
  .meta({ id: "CreateRule" });
export type CreateRuleBody = z.output<typeof createRuleBodySchema>;

/**
 * PATCH /api/v1/rules/{id}: the fields sent change. A definition replaces the old one whole and is
 * checked against the rule's kind, which never changes. `version`, when sent, must be the stored
 * one, so an edit made from a stale copy is a 409 rather than a silent overwrite.
 */
export const updateRuleBodySchema = z
  .object({
    name: ruleName.optional(),
    enabled: enabled.optional(),
    definition: z
      .record(z.string(), z.unknown(), "Must be the rule's definition, an object")
      .optional()
      .meta({ description: "The whole definition, checked against the rule's kind (see CreateRule)" }),
    version: z.int("Must be the version you read").min(1, "Must be the version you read").optional(),
  })
  .meta({ id: "UpdateRule" });
export type UpdateRuleBody = z.output<typeof updateRuleBodySchema>;

export const ruleIdParamsSchema = z.object({ id: z.uuid("Must be a rule's id (a uuid)") });

export const listRulesQuerySchema = paginationQuerySchema.extend({
  kind: z.enum(ruleKinds, `Must be one of ${ruleKinds.join(", ")}`).optional(),
});
export type ListRulesQuery = z.output<typeof listRulesQuerySchema>;

/** A rule as the API answers with it. */
export const ruleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ruleKinds),
    enabled: z.boolean(),
    definition: z.record(z.string(), z.unknown()),
    createdBy: z
      .object({ fullName: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "Who added it; null for the defaults the service started with" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int().meta({ description: "Rises with every change; send it back with PATCH to refuse stale edits" }),
  })
  .meta({ id: "Rule" });
export type RuleResponse = z.infer<typeof ruleSchema>;

export const rulePageSchema = z
  .object({ results: z.array(ruleSchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "RulePage" });
