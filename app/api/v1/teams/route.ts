import { readJsonBody, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageDirectory } from "@/lib/auth/policies";
import { createTeamBodySchema, listTeamsQuerySchema } from "@/lib/directory/team-schema";
import { createTeam, listTeams } from "@/lib/directory/teams";

export const dynamic = "force-dynamic";

// GET /api/v1/teams – every team by key, with its managers and member count
export const GET = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageDirectory);
    return jsonResponse(await listTeams(db, readQuery(request, listTeamsQuerySchema)));
  },
  { scopes: ["directory:manage"] },
);

// POST /api/v1/teams – add a team with its members and managers, audited
export const POST = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageDirectory);
    const body = await readJsonBody(request, createTeamBodySchema);
    return jsonResponse(await db.transaction((tx) => createTeam(tx, caller, body)), { status: 201 });
  },
  { scopes: ["directory:manage"] },
);
