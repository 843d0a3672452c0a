import { exportActivitiesCsv } from "@/lib/activity/export-csv";
import { exportActivitiesQuerySchema } from "@/lib/activity/schemas";
import { readQuery } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";
import { authorize, mayExportHistory } from "@/lib/auth/policies";

export const dynamic = "force-dynamic";

// GET /api/v1/activityHistory/export – activity as streamed CSV for reporting tools (Qlik)
export const GET = withAuth(
  async ({ request, caller, db }) => {
    authorize(caller, mayExportHistory);
    const query = readQuery(request, exportActivitiesQuerySchema);
    return new Response(exportActivitiesCsv(db, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="activity-history-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { scopes: ["activity:read"] },
);
