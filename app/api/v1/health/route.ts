import { jsonResponse } from "@/lib/api/responses";
import { withoutAuth } from "@/lib/api/with-auth";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

// GET /api/v1/health – whether the service and its database are working (public, for load balancers)
export const GET = withoutAuth(async ({ db }) => {
  const health = await checkHealth(db);
  return jsonResponse(health, { status: health.status === "ok" ? 200 : 503 });
});
