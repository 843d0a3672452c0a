import { withoutAuth } from "@/lib/api/with-auth";
import { getSettings } from "@/lib/config/settings";
import { assertMayScrape } from "@/lib/operations/metrics-access";
import { scrapeMetrics } from "@/lib/operations/scrape";

export const dynamic = "force-dynamic";

// GET /metrics – Prometheus metrics for the council's monitoring (Bearer METRICS_TOKEN; 404 when unset)
export const GET = withoutAuth(async ({ request, db }) => {
  const settings = getSettings();
  assertMayScrape(request.headers, settings.monitoring.metricsToken);
  const { contentType, body } = await scrapeMetrics(db, {
    services: settings.notify.services,
    limitPerMinute: settings.delivery.rateLimitPerMinute,
  });
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
