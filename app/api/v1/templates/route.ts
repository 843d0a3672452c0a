import { readQuery } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { listTemplates, listTemplatesQuerySchema } from "@/lib/notify/templates";

export const dynamic = "force-dynamic";

// GET /api/v1/templates – every configured Notify service's templates and the fields each needs
export const GET = withAuth(
  async ({ request }) => {
    const { type } = readQuery(request, listTemplatesQuerySchema);
    return jsonResponse({ results: await listTemplates(type) });
  },
  { scopes: ["notifications:read"] },
);
