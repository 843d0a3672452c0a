import { jsonResponse } from "@/lib/api/responses";
import { withoutAuth } from "@/lib/api/with-auth";
import { getOpenApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

// GET /api/v1/openapi.json – the OpenAPI 3.1 document generated from the request schemas
export const GET = withoutAuth(async () => jsonResponse(getOpenApiDocument()));
