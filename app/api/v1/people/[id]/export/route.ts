import { parseWith } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManagePersonalData } from "@/lib/auth/policies";
import { getPersonOrThrow } from "@/lib/directory/people";
import { personIdParamsSchema } from "@/lib/directory/person-responses";
import { exportPersonStream } from "@/lib/personal-data/export-person";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/people/{id}/export – subject access: everything held about the person, as one JSON file to download
export const GET = withAuth<Params>(
  async ({ params, caller, db }) => {
    authorize(caller, mayManagePersonalData);
    const { id } = parseWith(personIdParamsSchema, params);
    const person = await getPersonOrThrow(db, id);
    return new Response(exportPersonStream(db, person), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="person-${id}-${new Date().toISOString().slice(0, 10)}.json"`,
        "cache-control": "no-store",
      },
    });
  },
  { scopes: ["directory:manage"] },
);
