/** A JSON response. The handler wrapper adds `x-correlation-id`. */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", ...init.headers },
  });
}

export function noContentResponse(): Response {
  return new Response(null, { status: 204 });
}
