// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's params shape
export type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

export type RouteCall = {
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  query?: Record<string, string>;
};

/** Calls a route handler the way Next.js does, with a real Request, and reads the JSON answer. */
export async function callRoute(handler: RouteHandler, method: string, path: string, call: RouteCall = {}) {
  const url = new URL(`http://test${path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers(call.headers);
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve(call.params ?? {}),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on the shape
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, json };
}
