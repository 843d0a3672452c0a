import { NextResponse, type NextRequest } from "next/server";
import { getSettings } from "@/lib/config/settings";
import { answerPreflight, isPreflight } from "@/lib/http/cors";
import { isServedOverHttps, pageSecurityHeaders } from "@/lib/http/security-headers";

// Pages anyone may open: the sign-in pages (including "you do not have access yet") and the API documentation.
const publicPages = ["/signin", "/signin/no-access", "/api/docs"];

/**
 * Every page: a fresh nonce for its Content-Security-Policy and the other security headers. Pages
 * for signed-in people also send anyone without a session cookie to sign in first. That is a
 * convenience, not a guard: every page, server action and API route checks the session itself.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/v1/")) return answerApiPreflight(request);
  const nonce = btoa(crypto.randomUUID());
  const headers = pageSecurityHeaders(nonce, {
    https: isServedOverHttps(getSettings()),
    development: process.env.NODE_ENV === "development",
  });
  const response = needsSignIn(request) ? redirectToSignIn(request) : renderWithNonce(request, headers);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * A browser's CORS preflight for the API (config.matcher lets nothing else of /api/v1 in): answered
 * here for every route at once, for the origins in CORS_ORIGINS. With none configured the request
 * goes on to Next, which answers OPTIONS as it always has.
 */
function answerApiPreflight(request: NextRequest): Response {
  return (isPreflight(request) && answerPreflight(request, getSettings().cors.origins)) || NextResponse.next();
}

function needsSignIn(request: NextRequest): boolean {
  if (publicPages.includes(request.nextUrl.pathname)) return false;
  return !request.cookies.has("next-auth.session-token") && !request.cookies.has("__Secure-next-auth.session-token");
}

function redirectToSignIn(request: NextRequest): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

// Next.js takes the nonce for its own script tags from the request's Content-Security-Policy header.
function renderWithNonce(request: NextRequest, headers: Record<string, string>): NextResponse {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: [
    // Pages: not the API or /metrics (their wrapper sets their headers, and a scraper has no
    // session to be sent to sign in for), next-auth, Next's files or static files.
    "/((?!api/v1/|api/auth/|metrics$|_next/|favicon.ico|robots.txt|.*\\.[a-z0-9]+$).*)",
    // The API's CORS preflights alone (only a preflight carries this header), so no other API request
    // pays for the proxy: the handler wrapper adds CORS headers to real responses (lib/api/with-auth.ts).
    { source: "/api/v1/:path*", has: [{ type: "header", key: "access-control-request-method" }] },
  ],
};
