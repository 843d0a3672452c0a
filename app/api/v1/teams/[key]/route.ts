import { parseWith, readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageDirectory } from "@/lib/auth/policies";
import { teamKeyParamsSchema, updateTeamBodySchema } from "@/lib/directory/team-schema";
import { getTeamOrThrow, updateTeam } from "@/lib/directory/teams";

export const dynamic = "force-dynamic";

type Params = { key: string };

// GET /api/v1/teams/{key} – one team with its members and managers
export const GET = withAuth<Params>(
  async ({ params, caller, db }) => {
    authorize(caller, mayManageDirectory);
    return jsonResponse(await getTeamOrThrow(db, parseWith(teamKeyParamsSchema, params).key));
  },
  { scopes: ["directory:manage"] },
);

// PATCH /api/v1/teams/{key} – change its name, manager role, members or managers (lists replaced whole)
export const PATCH = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    authorize(caller, mayManageDirectory);
    const { key } = parseWith(teamKeyParamsSchema, params);
    const body = await readJsonBody(request, updateTeamBodySchema);
    return jsonResponse(await db.transaction((tx) => updateTeam(tx, caller, key, body)));
  },
  { scopes: ["directory:manage"] },
);
