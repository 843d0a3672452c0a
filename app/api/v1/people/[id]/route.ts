import { parseWith, readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageDirectory } from "@/lib/auth/policies";
import { getPersonOrThrow, toPersonResponse } from "@/lib/directory/people";
import { personIdParamsSchema } from "@/lib/directory/person-responses";
import { updatePersonBodySchema } from "@/lib/directory/person-schema";
import { updatePerson } from "@/lib/directory/save-person";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/people/{id} – one person in the directory
export const GET = withAuth<Params>(
  async ({ params, caller, db }) => {
    authorize(caller, mayManageDirectory);
    const { id } = parseWith(personIdParamsSchema, params);
    return jsonResponse(toPersonResponse(await getPersonOrThrow(db, id)));
  },
  { scopes: ["directory:manage"] },
);

// PATCH /api/v1/people/{id} – change the fields sent; {disabled: true} ends their sessions and API use at once
export const PATCH = withAuth<Params>(
  async ({ request, params, caller, db }) => {
    authorize(caller, mayManageDirectory);
    const { id } = parseWith(personIdParamsSchema, params);
    const body = await readJsonBody(request, updatePersonBodySchema);
    return jsonResponse(await db.transaction((tx) => updatePerson(tx, caller, id, body)));
  },
  { scopes: ["directory:manage"] },
);
