import { readJsonBody, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageRules } from "@/lib/auth/policies";
import { createRuleBodySchema, listRulesQuerySchema } from "@/lib/rules/rule-schema";
import { createRule, listRules } from "@/lib/rules/rules";

export const dynamic = "force-dynamic";

// GET /api/v1/rules – every rule by kind and name, enabled or not
export const GET = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageRules);
    return jsonResponse(await listRules(db, readQuery(request, listRulesQuerySchema)));
  },
  { scopes: ["rules:manage"] },
);

// POST /api/v1/rules – add a rule, its definition checked against its kind, audited
export const POST = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageRules);
    const body = await readJsonBody(request, createRuleBodySchema);
    return jsonResponse(await db.transaction((tx) => createRule(tx, caller, body)), { status: 201 });
  },
  { scopes: ["rules:manage"] },
);
