import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { rules, type Rule } from "@/db/schema";
import { recordActivities, type ActivityEntry } from "@/lib/activity/record-activity";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { decodePaginationToken, toPage, type Page } from "@/lib/api/pagination";
import { fieldErrorsOf, fieldValidationError } from "@/lib/api/problem";
import type { Caller } from "@/lib/auth/caller";
import { actorOf } from "@/lib/auth/actor";
import { changedFields } from "@/lib/directory/audit";
import { definitionSchemas } from "./definitions";
import {
  updateRuleBodySchema,
  type CreateRuleBody,
  type ListRulesQuery,
  type RuleResponse,
  type UpdateRuleBody,
} from "./rule-schema";

// Rules as admins keep them. Every write runs in the caller's transaction with one activity-history
// entry (targetType rule, which only history:read-any reads), so the change and its audit commit together.

export function toRuleResponse(rule: Rule): RuleResponse {
  return {
    id: rule.id,
    name: rule.name,
    kind: rule.kind,
    enabled: rule.enabled,
    definition: rule.definition,
    createdBy: rule.createdBy ? { fullName: rule.createdBy.fullName, email: rule.createdBy.email } : null,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
    version: rule.version,
  };
}

const positionSchema = z.object({ kind: z.string().max(20), name: z.string().max(300), id: z.uuid() });

/** Rules by kind, then name: how an admin scans them. Keyset-paged. */
export async function listRules(db: Database, query: ListRulesQuery): Promise<Page<RuleResponse>> {
  const after = query.paginationToken ? decodePaginationToken(query.paginationToken, positionSchema) : undefined;
  const rows = await db
    .select()
    .from(rules)
    .where(
      and(
        query.kind ? eq(rules.kind, query.kind) : undefined,
        after
          ? sql`(${rules.kind}::text, ${rules.name}, ${rules.id}) > (${after.kind}, ${after.name}, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(sql`${rules.kind}::text`, asc(rules.name), asc(rules.id))
    .limit(query.pageSize + 1);
  return toPage(rows, query.pageSize, (rule) => ({ kind: rule.kind, name: rule.name, id: rule.id }), toRuleResponse);
}

export async function getRule(db: Database, id: string): Promise<Rule | null> {
  const [rule] = await db.select().from(rules).where(eq(rules.id, id));
  return rule ?? null;
}

export async function getRuleOrThrow(db: Database, id: string): Promise<Rule> {
  const rule = await getRule(db, id);
  if (!rule) throw new ApiError("not_found", "No rule with this id");
  return rule;
}

const nameTaken = () =>
  new ApiError("conflict", "Another rule already has this name", {
    errors: [{ path: "name", message: "Another rule already has this name" }],
  });

async function assertNameFree(tx: Database, name: string, exceptId?: string): Promise<void> {
  const [clash] = await tx
    .select({ id: rules.id })
    .from(rules)
    .where(and(eq(rules.name, name), exceptId ? sql`${rules.id} <> ${exceptId}` : undefined));
  if (clash) throw nameTaken();
}

function ruleActivity(
  rule: Rule,
  type: "create" | "update" | "delete",
  data: { old?: object; new?: object },
): ActivityEntry {
  return {
    targetType: "rule",
    targetId: rule.id,
    type,
    oldData: (data.old ?? null) as Record<string, unknown> | null,
    newData: (data.new ?? null) as Record<string, unknown> | null,
    sourceDomain: "Rules",
  };
}

const audited = (rule: Rule) => ({
  name: rule.name,
  kind: rule.kind,
  enabled: rule.enabled,
  definition: rule.definition,
});

/** POST /api/v1/rules. A taken name is a 409 naming the field. */
export async function createRule(tx: Database, caller: Caller, body: CreateRuleBody): Promise<RuleResponse> {
  await assertNameFree(tx, body.name);
  const [rule] = await tx
    .insert(rules)
    .values({
      name: body.name,
      kind: body.kind,
      enabled: body.enabled,
      definition: body.definition as Record<string, unknown>,
      createdBy: actorOf(caller).author,
    })
    .returning();
  await recordActivities(tx, caller, [ruleActivity(rule!, "create", { new: audited(rule!) })]);
  return toRuleResponse(rule!);
}

/**
 * A PATCH body checked whole: its own fields, and the definition against the stored rule's kind,
 * so one 400 lists every failing field (the definition's under `definition.`).
 */
function parseUpdate(kind: Rule["kind"], input: unknown): UpdateRuleBody {
  const body = updateRuleBodySchema.safeParse(input);
  const errors: FieldError[] = body.success ? [] : fieldErrorsOf(body.error.issues);
  const rawDefinition = body.success ? body.data.definition : (input as { definition?: unknown } | null)?.definition;
  let definition: Record<string, unknown> | undefined;
  if (rawDefinition !== null && typeof rawDefinition === "object" && !Array.isArray(rawDefinition)) {
    const checked = definitionSchemas[kind].safeParse(rawDefinition);
    if (checked.success) definition = checked.data as Record<string, unknown>;
    else
      errors.push(
        ...fieldErrorsOf(checked.error.issues).map((error) => ({
          ...error,
          path: error.path ? `definition.${error.path}` : "definition",
        })),
      );
  }
  if (errors.length > 0 || !body.success) throw fieldValidationError(errors);
  return { ...body.data, definition };
}

/**
 * PATCH /api/v1/rules/{id}: only what changed is written and audited; no change is no write. Takes
 * the body unparsed: the definition can only be checked once the rule's kind is known.
 */
export async function updateRule(tx: Database, caller: Caller, id: string, input: unknown): Promise<RuleResponse> {
  const [current] = await tx.select().from(rules).where(eq(rules.id, id)).for("update");
  if (!current) throw new ApiError("not_found", "No rule with this id");
  const patch = parseUpdate(current.kind, input);
  if (patch.version !== undefined && patch.version !== current.version)
    throw new ApiError("conflict", `The rule has changed since you read it (version ${current.version} now)`, {
      errors: [
        { path: "version", message: `The rule is at version ${current.version}: read it again and redo your change` },
      ],
    });
  const after = {
    ...audited(current),
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.enabled !== undefined && { enabled: patch.enabled }),
    ...(patch.definition !== undefined && { definition: patch.definition }),
  };
  const changes = changedFields(audited(current), after);
  if (!changes) return toRuleResponse(current);
  if ("name" in changes.newData) await assertNameFree(tx, after.name, id);
  const [rule] = await tx
    .update(rules)
    .set({
      name: after.name,
      enabled: after.enabled,
      definition: after.definition,
      updatedAt: new Date(),
      version: current.version + 1,
    })
    .where(eq(rules.id, id))
    .returning();
  await recordActivities(tx, caller, [ruleActivity(rule!, "update", { old: changes.oldData, new: changes.newData })]);
  return toRuleResponse(rule!);
}

/** DELETE /api/v1/rules/{id}: the rule goes; its history keeps what it said. */
export async function deleteRule(tx: Database, caller: Caller, id: string): Promise<void> {
  const [rule] = await tx.delete(rules).where(eq(rules.id, id)).returning();
  if (!rule) throw new ApiError("not_found", "No rule with this id");
  await recordActivities(tx, caller, [ruleActivity(rule, "delete", { old: audited(rule) })]);
}
