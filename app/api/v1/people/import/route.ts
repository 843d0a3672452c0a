import { readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayManageDirectory } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import { importPeople, importQuerySchema, maxImportBytes } from "@/lib/directory/import/import-people";
import { readBatchCsv } from "@/lib/notifications/batch/read-batch-body";

export const dynamic = "force-dynamic";

// POST /api/v1/people/import – upsert people from a CSV, all rows or none; ?dryRun=true previews; demo people
// while the demo sign-in is on
export const POST = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayManageDirectory);
    const query = readQuery(request, importQuerySchema);
    const csv = await readBatchCsv(request, { maxBytes: maxImportBytes });
    const options = { isDemo: getSettings().demo.signIn };
    return jsonResponse(await db.transaction((tx) => importPeople(tx, caller, csv, query, options)));
  },
  { scopes: ["directory:manage"] },
);
