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
  experimental: { authInterrupts: true },
  typedRoutes: false,
};

export default nextConfig;
