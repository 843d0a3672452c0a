// Browsers read a backslash as a slash and drop tabs and newlines from a URL, so `/\evil.example`
// and `/<TAB>/evil.example` are `//evil.example`: another site. Such characters never belong in a
// link we send someone to, so any of them (and every other control character) refuses the whole value.
const characterBrowsersRewrite = /[\\\u0000-\u001f\u007f]/;

/**
 * The path on this site to send someone to after signing in (or out): `requested` when, parsed as
 * a browser parses it against `siteOrigin`, it stays on that origin; otherwise "/". A same-origin
 * absolute URL (next-auth passes those) comes back as its path, query and fragment. Anything but a
 * string (a query parameter given twice arrives as an array) is "/" too.
 */
export function safeReturnPath(requested: unknown, siteOrigin: string): string {
  return sameOriginPath(requested, siteOrigin) ?? "/";
}

/** Whether `value` is a path on this site, e.g. `/notifications/1?x=y`; not `//host`, `/\host` or a URL. */
export function isSameSitePath(value: string): boolean {
  return value.startsWith("/") && sameOriginPath(value, "http://site.invalid") !== null;
}

function sameOriginPath(requested: unknown, siteOrigin: string): string | null {
  if (typeof requested !== "string" || characterBrowsersRewrite.test(requested)) return null;
  if (!requested.startsWith("/") && !/^https?:\/\//i.test(requested)) return null;
  let url: URL;
  let site: URL;
  try {
    site = new URL(siteOrigin);
    url = new URL(requested, site);
  } catch {
    return null;
  }
  // `/.//evil.example` is on this origin, but normalises to `//evil.example`, which is not.
  if (url.origin !== site.origin || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
