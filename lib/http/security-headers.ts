import type { Settings } from "@/lib/config/settings";

// The response headers that tell browsers what this service's pages and API may do. Pages get them
// from proxy.ts (with a fresh nonce each), API responses from the route handler wrapper.

export type SecurityHeaderOptions = {
  /** The site is served over https (NEXTAUTH_URL says so): browsers may be told to insist on it. */
  https: boolean;
};

/** Whether browsers should be told to use https only: the site's public address is https. */
export function isServedOverHttps(settings: Settings): boolean {
  return settings.server.publicUrl.startsWith("https://");
}

/**
 * A page's Content-Security-Policy. Scripts run only with this response's nonce (Next.js reads it
 * from this header on the request and puts it on its own script tags; 'strict-dynamic' lets those
 * load the chunks they need). Styles come from our own stylesheet or carry the nonce. Nothing may
 * frame the page, post a form elsewhere or change the base URL. `next dev` also needs eval.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Every page's headers, the Content-Security-Policy with `nonce` included. */
export function pageSecurityHeaders(
  nonce: string,
  options: SecurityHeaderOptions & { development?: boolean },
): Record<string, string> {
  return { "content-security-policy": contentSecurityPolicy(nonce, options), ...sharedHeaders(options) };
}

/**
 * An API response's headers, by its content type. JSON loads nothing, so its policy allows nothing.
 * Files (a letter's PDF, a CSV export) get no policy: Chrome's PDF viewer renders nothing under
 * default-src 'none'; nosniff and X-Frame-Options still apply to them.
 */
export function apiSecurityHeaders(contentType: string | null, options: SecurityHeaderOptions): Record<string, string> {
  const isJson = /^application\/([a-z0-9.+-]+\+)?json\b/i.test(contentType ?? "");
  return {
    ...(isJson ? { "content-security-policy": "default-src 'none'; frame-ancestors 'none'" } : {}),
    ...sharedHeaders(options),
  };
}

function sharedHeaders({ https }: SecurityHeaderOptions): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    // Browsers older than frame-ancestors read this instead.
    "x-frame-options": "DENY",
    // Links out carry our origin, never a path: paths hold record ids.
    "referrer-policy": "strict-origin-when-cross-origin",
    // Nothing here uses these; a script that got in could not either.
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    // A year, once the site is on https: a plain http:// link or a hostile network cannot downgrade it.
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
