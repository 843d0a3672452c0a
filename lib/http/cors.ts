// Cross-origin access to /api/v1 for the browser pages of configured origins (CORS_ORIGINS), as the
// council's front ends call its APIs from their own sites. The council's APIs allow any origin; we
// name each one, and never allow credentials: callers send `Authorization: Bearer`, so no cookie of
// this site is ever sent or honoured cross-origin (and never `*` beside credentials).

export const corsAllowedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
export const corsAllowedHeaders = [
  "authorization",
  "content-type",
  "x-correlation-id",
  "idempotency-key",
  "if-match",
  "last-event-id",
];
// What a script on the calling page may read beyond the CORS-safelisted response headers.
export const corsExposedHeaders = ["x-correlation-id", "retry-after", "location", "etag"];
// How long (seconds) a browser may reuse a preflight's answer.
const preflightMaxAgeSeconds = 600;

/**
 * The CORS headers for a response to a request from `origin`: none when no origin is configured;
 * otherwise `Vary: Origin` (the answer differs by origin) and, for a configured origin alone,
 * `Access-Control-Allow-Origin` echoing it with the headers its scripts may read.
 */
export function corsResponseHeaders(origin: string | null, allowedOrigins: readonly string[]): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  if (origin === null || !allowedOrigins.includes(origin)) return { vary: "Origin" };
  return {
    vary: "Origin",
    "access-control-allow-origin": origin,
    "access-control-expose-headers": corsExposedHeaders.join(", "),
  };
}

/** Adds corsResponseHeaders to a response's headers, keeping any Vary it already has. */
export function addCorsHeaders(headers: Headers, origin: string | null, allowedOrigins: readonly string[]): void {
  for (const [name, value] of Object.entries(corsResponseHeaders(origin, allowedOrigins))) {
    if (name === "vary") headers.append(name, value);
    else headers.set(name, value);
  }
}

/** True for a CORS preflight: OPTIONS naming the method the page wants to use. */
export function isPreflight(request: Request): boolean {
  return request.method === "OPTIONS" && request.headers.has("access-control-request-method");
}

/**
 * The answer to a preflight: 204, granting the methods and headers the API uses to a configured
 * origin; to any other origin 204 with no grant, which the browser treats as a refusal. Undefined
 * when no origin is configured, so the request goes on as if CORS did not exist.
 */
export function answerPreflight(request: Request, allowedOrigins: readonly string[]): Response | undefined {
  if (allowedOrigins.length === 0) return undefined;
  const headers = corsResponseHeaders(request.headers.get("origin"), allowedOrigins);
  if (headers["access-control-allow-origin"]) {
    headers["access-control-allow-methods"] = corsAllowedMethods.join(", ");
    headers["access-control-allow-headers"] = corsAllowedHeaders.join(", ");
    headers["access-control-max-age"] = String(preflightMaxAgeSeconds);
  }
  return new Response(null, { status: 204, headers: { ...headers, "cache-control": "no-store" } });
}
