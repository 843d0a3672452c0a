import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import nextConfig from "@/next.config.mjs";
import type { DiscoveredRoute } from "@/lib/testing/route-handlers";

type Rewrite = { source: string; destination: string };

/** next.config.mjs's afterFiles rewrites, as the app is built with them. */
async function afterFilesRewrites(): Promise<Rewrite[]> {
  const rewrites = await nextConfig.rewrites?.();
  if (!rewrites) return [];
  return (Array.isArray(rewrites) ? rewrites : rewrites.afterFiles) as Rewrite[];
}

function routeMatching(routes: DiscoveredRoute[], method: string, pathname: string) {
  const candidates = routes.filter((route) => route.method === method);
  const exact = candidates.find((route) => route.path === pathname);
  if (exact) return { route: exact, params: {} };
  for (const route of candidates) {
    const names: string[] = [];
    const pattern = route.path.replace(/\[([^\]]+)\]/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const match = new RegExp(`^${pattern}$`).exec(pathname);
    if (match) return { route, params: Object.fromEntries(names.map((name, index) => [name, match[index + 1]!])) };
  }
  return undefined;
}

/**
 * The route handler Next.js would run for a path, in Next's order: a route file named exactly by the
 * path; else the afterFiles rewrites of next.config.mjs, matched with Next's own matcher and options
 * (case-insensitive unless experimental.caseSensitiveRoutes); then dynamic routes. Undefined is a 404.
 */
export async function resolveApiPath(routes: DiscoveredRoute[], method: string, pathname: string) {
  const sensitive = nextConfig.experimental?.caseSensitiveRoutes;
  if (routes.some((route) => route.method === method && route.path === pathname))
    return routeMatching(routes, method, pathname);
  let resolved = pathname;
  for (const rewrite of await afterFilesRewrites()) {
    const params = getPathMatch(rewrite.source, { strict: true, removeUnnamedParams: true, sensitive })(pathname);
    if (!params) continue;
    resolved = rewrite.destination.replace(/:(\w+)\*/g, (_, name: string) =>
      ([] as string[]).concat(params[name] ?? []).join("/"),
    );
    resolved = resolved.replace(/\/$/, "");
    break;
  }
  return routeMatching(routes, method, resolved);
}
