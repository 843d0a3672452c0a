import { jsonResponse } from "@/lib/api/responses";
import { withoutAuth } from "@/lib/api/with-auth";
import { liveness } from "@/lib/health/liveness";

export const dynamic = "force-dynamic";

// GET /api/v1/health/live – whether this process answers at all, without touching the database
// (public, for an orchestrator's liveness probe: restart the process, not the database, when it fails)
export const GET = withoutAuth(async () => jsonResponse(liveness));
