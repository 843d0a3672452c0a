import NextAuth from "next-auth";
import { ApiError } from "@/lib/api/errors";
import { toProblemResponse } from "@/lib/api/problem";
import { readBodyBytes } from "@/lib/api/read-body";
import { correlationIdFor } from "@/lib/api/request";
import { getSettings } from "@/lib/config/settings";
import { getAuthOptions } from "./auth-options";
import { parseCookieHeader } from "./session-token";

// next-auth's App Router handler reads the request's headers through next/headers, which nothing
// in a route can change. Its API-route form takes method, headers, cookies, query and body from the
// object it is given, so this bridge hands it the request with only the headers we trust, and turns
// what it writes into a Response. (It also lets tests run the real sign-in, callback and sign-out.)

type Body = Record<string, string> | undefined;

// Sign-in and sign-out forms carry a CSRF token, a callback URL and a user id: a few hundred bytes.
const maxBodyBytes = 64 * 1024;

/** GET and POST /api/auth/*: next-auth's own endpoints, `segments` being `[...nextauth]`. */
export async function handleAuthRequest(request: Request, segments: string[]): Promise<Response> {
  const url = new URL(request.url);
  const headers = trustedHeaders(request, getSettings().auth.trustProxyHeaders);
  const recorder = new ResponseRecorder();
  let body: Body;
  try {
    body = await readBody(request);
  } catch (error) {
    return toProblemResponse(error, { correlationId: correlationIdFor(request), instance: url.pathname });
  }
  const apiRequest = {
    method: request.method,
    headers,
    cookies: Object.fromEntries(parseCookieHeader(headers.cookie ?? "")),
    query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
    body,
  };
  await NextAuth(apiRequest as never, recorder as never, getAuthOptions());
  return recorder.toResponse();
}

/**
 * The request's headers as next-auth should see them. next-auth builds every URL it sends people
 * to (after sign-in and sign-out, OAuth callbacks) from X-Forwarded-Host when there is one, so a
 * forged header would point those at any site: it is kept only when TRUST_PROXY_HEADERS says a
 * proxy in front sets it, and otherwise the Host header decides. X-Forwarded-Proto stays when it
 * is plain http or https: Next.js fills it in from the connection when no proxy did (the
 * zero-configuration start serves plain HTTP), and all it can change is the scheme of our own host.
 */
function trustedHeaders(request: Request, trustProxyHeaders: boolean): Record<string, string> {
  const headers = Object.fromEntries(request.headers);
  headers.host ??= new URL(request.url).host;
  if (!trustProxyHeaders) {
    delete headers["x-forwarded-host"];
    const protocol = headers["x-forwarded-proto"];
    if (protocol !== "http" && protocol !== "https") delete headers["x-forwarded-proto"];
  }
  return headers;
}

/** next-auth's forms post url-encoded; its client posts JSON now and then. Either is a few hundred bytes. */
async function readBody(request: Request): Promise<Body> {
  if (request.method !== "POST" || !request.body) return undefined;
  const contentType = request.headers.get("content-type") ?? "";
  const isForm = contentType.includes("application/x-www-form-urlencoded");
  if (!isForm && !contentType.includes("application/json")) return undefined;
  const bytes = await readBodyBytes(
    request,
    maxBodyBytes,
    () => new ApiError("payload_too_large", "The form is too large"),
  );
  const text = new TextDecoder().decode(bytes);
  if (isForm) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Body) : undefined;
  } catch {
    return undefined;
  }
}

/** The part of Node's ServerResponse that next-auth's API-route handler writes to. */
class ResponseRecorder {
  private statusCode = 200;
  private readonly headers = new Headers();
  private body: string | null = null;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  getHeader(name: string): string[] | undefined {
    const values = name.toLowerCase() === "set-cookie" ? this.headers.getSetCookie() : [];
    return values.length > 0 ? values : undefined;
  }

  setHeader(name: string, value: string | string[]): this {
    this.headers.delete(name);
    for (const each of Array.isArray(value) ? value : [value]) this.headers.append(name, each);
    return this;
  }

  json(value: unknown): void {
    this.headers.set("content-type", "application/json");
    this.body = JSON.stringify(value);
  }

  send(value: unknown): void {
    if (typeof value === "string" || value === undefined || value === null) this.body = value ?? null;
    else this.json(value);
  }

  end(): void {}

  toResponse(): Response {
    const hasBody = this.statusCode !== 204 && this.statusCode !== 304;
    return new Response(hasBody ? this.body : null, { status: this.statusCode, headers: this.headers });
  }
}
