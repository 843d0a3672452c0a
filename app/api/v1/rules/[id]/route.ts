import { parseWith, readJson } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageRules } from "@/lib/auth/policies";
import { ruleIdParamsSchema } from "@/lib/rules/rule-schema";
import { deleteRule, getRuleOrThrow, toRuleResponse, updateRule } from "@/lib/rules/rules";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/rules/{id} – one rule
export const GET = withAuth<Params>(
  async ({ params, caller, db }) => {
    authorize(caller, mayManageRules);
    return jsonResponse(toRuleResponse(await getRuleOrThrow(db, parseWith(ruleIdParamsSchema, params).id)));
  },
  { scopes: ["rules:manage"] },
);

// PATCH /api/v1/rules/{id} – rename, enable or disable, or replace the definition; audited
export const PATCH = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    authorize(caller, mayManageRules);
    const { id } = parseWith(ruleIdParamsSchema, params);
    // Checked in lib/rules: the definition's schema depends on the stored rule's kind.
    const body = await readJson(request);
    return jsonResponse(await db.transaction((tx) => updateRule(tx, caller, id, body)));
  },
  { scopes: ["rules:manage"] },
);

// DELETE /api/v1/rules/{id} – remove a rule; its history keeps what it said
export const DELETE = withAuth<Params>(
  async ({ params, caller, db }) => {
    authorize(caller, mayManageRules);
    const { id } = parseWith(ruleIdParamsSchema, params);
    await db.transaction((tx) => deleteRule(tx, caller, id));
    return new Response(null, { status: 204 });
  },
  { scopes: ["rules:manage"] },
);
