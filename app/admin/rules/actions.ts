"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormProblems } from "@/components/ui/form-problems";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/request";
import { mayManageRules } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { readRuleForm, ruleFormProblems, ruleFormBody, type RuleFormValues } from "@/lib/rules/rule-form";
import { ruleIdParamsSchema } from "@/lib/rules/rule-schema";
import { updateRule } from "@/lib/rules/rules";

// The rules pages' saves: each calls lib/rules as PATCH /api/v1/rules/{id} does, in one
// transaction, audited with the administrator as author.

export type RuleFormState = { status: "idle" } | { status: "invalid"; problems: FormProblems; values: RuleFormValues };

async function requireRulesAdmin(returnTo: string) {
  const person = await requirePerson(returnTo);
  authorizePage(person, mayManageRules);
  return person;
}

/** Saves a rule's name, whether it is enabled, and its definition. */
export async function changeRule(id: string, _previous: RuleFormState, form: FormData): Promise<RuleFormState> {
  const ruleId = parseWith(ruleIdParamsSchema, { id }).id;
  const admin = await requireRulesAdmin(`/admin/rules/${ruleId}`);
  const values = readRuleForm(form);
  try {
    const body = ruleFormBody(values);
    const db = await getDb();
    await db.transaction((tx) => updateRule(tx, admin, ruleId, body));
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== "bad_request" && error.code !== "conflict")) throw error;
    const { errors, notes } = ruleFormProblems(error.errors ?? []);
    return {
      status: "invalid",
      problems: { notes: errors.length > 0 ? notes : [error.message, ...notes], errors },
      values,
    };
  }
  revalidatePath("/admin/rules");
  redirect(`/admin/rules/${ruleId}?saved=changed`);
}

/** The list's enable/disable button: one audited change, then back to the list. */
export async function setRuleEnabled(id: string, enabled: boolean): Promise<void> {
  const ruleId = parseWith(ruleIdParamsSchema, { id }).id;
  const admin = await requireRulesAdmin("/admin/rules");
  const db = await getDb();
  await db.transaction((tx) => updateRule(tx, admin, ruleId, { enabled }));
  revalidatePath("/admin/rules");
  redirect(`/admin/rules?saved=${enabled ? "enabled" : "disabled"}`);
}
