import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { describeCaller } from "@/lib/auth/caller";

export const dynamic = "force-dynamic";

// GET /api/v1/me – the caller as the API sees it (person or client service) and its scopes
export const GET = withAuth(async ({ caller }) => jsonResponse(describeCaller(caller)));
