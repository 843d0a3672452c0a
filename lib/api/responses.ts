/**
 * A JSON response, never stored by a browser or proxy: it is one caller's view, often of personal
 * data. The handler wrapper adds `x-correlation-id` and the security headers.
 */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...init.headers },
  });
}

export function noContentResponse(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
