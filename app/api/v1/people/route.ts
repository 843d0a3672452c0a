import { readJsonBody, readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageDirectory } from "@/lib/auth/policies";
import { listPeople } from "@/lib/directory/people";
import { listPeopleQuerySchema } from "@/lib/directory/person-responses";
import { createPersonBodySchema } from "@/lib/directory/person-schema";
import { createPerson } from "@/lib/directory/save-person";
import { getSettings } from "@/lib/config/settings";

export const dynamic = "force-dynamic";

// GET /api/v1/people – the directory by name, searched by name or email and filtered by kind, team, disabled
export const GET = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageDirectory);
    return jsonResponse(await listPeople(db, readQuery(request, listPeopleQuerySchema)));
  },
  { scopes: ["directory:manage"] },
);

// POST /api/v1/people – add a staff member or a resident, audited; a demo person while the demo sign-in is on
export const POST = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageDirectory);
    const body = await readJsonBody(request, createPersonBodySchema);
    const options = { isDemo: getSettings().demo.signIn };
    return jsonResponse(await db.transaction((tx) => createPerson(tx, caller, body, options)), { status: 201 });
  },
  { scopes: ["directory:manage"] },
);
