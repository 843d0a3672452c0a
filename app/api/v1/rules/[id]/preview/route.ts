import { parseWith, readJson } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageRules } from "@/lib/auth/policies";
import { previewRule } from "@/lib/rules/preview-rule";
import { previewRuleBodySchema } from "@/lib/rules/preview-schema";
import { ruleIdParamsSchema } from "@/lib/rules/rule-schema";

export const dynamic = "force-dynamic";

type Params = { id: string };

// POST /api/v1/rules/{id}/preview – the dry run: what the rule would make now and for whom, writing nothing
export const POST = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    authorize(caller, mayManageRules);
    const { id } = parseWith(ruleIdParamsSchema, params);
    // The body is optional: no body previews the rule on an event made to fit its match.
    const bodiless = request.body === null || request.headers.get("content-length") === "0";
    const body = parseWith(previewRuleBodySchema, bodiless ? {} : await readJson(request));
    return jsonResponse(await previewRule(db, id, body));
  },
  { scopes: ["rules:manage"] },
);
