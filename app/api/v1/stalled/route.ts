import { readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { listStalledQuerySchema, listStalledRecords } from "@/lib/rules/engine/list-stalled";

export const dynamic = "force-dynamic";

// GET /api/v1/stalled – the work tray: records stalled now, of the types whose history the caller reads
export const GET = withAuth(
  async ({ request, caller, db }) =>
    jsonResponse(await listStalledRecords(db, caller, readQuery(request, listStalledQuerySchema))),
  { scopes: ["activity:read"] },
);
