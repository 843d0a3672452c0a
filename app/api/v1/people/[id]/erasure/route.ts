import { parseWith } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManagePersonalData } from "@/lib/auth/policies";
import { personIdParamsSchema } from "@/lib/directory/person-responses";
import { erasePerson } from "@/lib/personal-data/erase-person";

export const dynamic = "force-dynamic";

type Params = { id: string };

// POST /api/v1/people/{id}/erasure – erase the person's details everywhere, in one transaction; asking again answers the same
export const POST = withAuth<Params>(
  async ({ params, caller, db }) => {
    authorize(caller, mayManagePersonalData);
    const { id } = parseWith(personIdParamsSchema, params);
    return jsonResponse(await db.transaction((tx) => erasePerson(tx, caller, id)));
  },
  { scopes: ["directory:manage"] },
);
