import { headers } from "next/headers";
import { getSettings } from "@/lib/config/settings";

/**
 * The origin the browser asked this page on, read as the auth route reads it: X-Forwarded-Host only
 * when TRUST_PROXY_HEADERS says a proxy sets it, the scheme only when it is http or https.
 */
export async function siteOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const forwardedHost = getSettings().auth.trustProxyHeaders ? requestHeaders.get("x-forwarded-host") : null;
  const host = forwardedHost ?? requestHeaders.get("host") ?? "localhost";
  const protocol = requestHeaders.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${protocol}://${host}`;
}
