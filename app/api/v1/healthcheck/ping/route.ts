export const dynamic = "force-dynamic";

// GET /api/v1/healthcheck/ping – the council's health path (issue 15), so monitors written for its
// APIs work unchanged; the same public handler and answer as GET /api/v1/health
export { GET } from "../../health/route";
