import { exportActivitiesCsv } from "@/lib/activity/export-csv";
import { exportActivitiesQuerySchema } from "@/lib/activity/schemas";
import { readQuery } from "@/lib/api/request";
import { withAuth } from "@/lib/api/with-auth";

export const dynamic = "force-dynamic";

// GET /api/v1/activityHistory/export – activity as streamed CSV for reporting tools (Qlik); bulk personal data, so its own scope
export const GET = withAuth(
  async ({ request, caller, db }) => {
    const query = readQuery(request, exportActivitiesQuerySchema);
    return new Response(exportActivitiesCsv(db, caller, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="activity-history-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { scopes: ["activity:export"] },
);
