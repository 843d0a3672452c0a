import { NextResponse, type NextRequest } from "next/server";

// Only redirects pages for people who have no session cookie at all. It is a convenience, not a
// guard: every page, server action and API route checks the session again itself.
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: not the API, not next-auth, not the sign-in page, docs or static files.
  matcher: ["/((?!api|_next|signin|favicon.ico|robots.txt|.*\\.[a-z0-9]+$).*)"],
};
