/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and its own file loading; postgres.js and pino use Node built-ins.
  // Bundling them breaks both, so the server loads them from node_modules as they are.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "pino",
    "notifications-node-client",
    "next-auth",
    "pg-boss",
    "pdf-lib",
    "@pdf-lib/fontkit",
  ],
  poweredByHeader: false,
  // forbidden() and app/forbidden.tsx: a page refused for the person's role answers 403.
  experimental: {
    authInterrupts: true,
    // The people import page posts its CSV to a server action (and posts it again to import it), and
    // the proxy sees every page request's body: Next's limits (1 MB, 10 MB) refused files the API takes.
    // lib/directory/import/import-limits.ts maxImportBytes (20 MB) plus room for the form's other
    // fields; import-limits.test.ts holds them together.
    serverActions: { bodySizeLimit: 21 * 1024 * 1024 },
    proxyClientMaxBodySize: 21 * 1024 * 1024,
  },
  typedRoutes: false,
  rewrites: async () => ({ afterFiles: activityHistoryPathCase }),
};

/**
 * The council's Activity History API answers its path in any letter case (ASP.NET routing ignores
 * case) and its front end calls `/api/v1/activityhistory`; Next's routes are case-sensitive. Next
 * matches rewrite sources regardless of case (unless experimental.caseSensitiveRoutes is set). An
 * afterFiles rewrite is tried only when no fixed route matched the path as written, so a correctly
 * spelled fixed path never reaches it; dynamic routes come after it, so a correctly spelled
 * `/api/v1/activityHistory/{id}` is rewritten to itself. Tested in
 * app/api/v1/activityHistory/council-contract.test.ts.
 */
const activityHistoryPathCase = [
  // Sub-routes by name first (any case too), so `/EXPORT` is the export, not an id.
  { source: "/api/v1/activityhistory/export", destination: "/api/v1/activityHistory/export" },
  { source: "/api/v1/activityhistory/:rest*", destination: "/api/v1/activityHistory/:rest*" },
];

export default nextConfig;
