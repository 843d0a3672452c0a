import { ApiError } from "@/lib/api/errors";
import { sameSecret } from "@/lib/auth/same-secret";

/**
 * Lets a scrape through only with `Authorization: Bearer <METRICS_TOKEN>`. Unset, the endpoint does
 * not exist (404), so an installation that never asked for metrics publishes none. The token is
 * compared in constant time (sameSecret).
 */
export function assertMayScrape(headers: Headers, token: string | undefined): void {
  if (!token) throw new ApiError("not_found", "Metrics are not enabled here (METRICS_TOKEN is not set)");
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (!presented || !sameSecret(presented, token))
    throw new ApiError("unauthorized", "Metrics need `Authorization: Bearer` with the metrics token", {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
}
