// npm start: build once if there is no production build, then serve it.
// Kept as plain Node so a fresh clone needs nothing but `npm install`.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("No production build found: building first (about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
// Without NEXTAUTH_URL, next-auth sends everyone to http://localhost:3000 after sign-in. Trusting the
// Host header lets the zero-configuration start work on any port or address; a deployment sets
// NEXTAUTH_URL to its public address, which always wins. X-Forwarded-Host is not trusted with it:
// the auth route drops that header unless TRUST_PROXY_HEADERS says a proxy in front sets it.
if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST ??= "true";
// The app drains itself on SIGTERM (lib/runtime/shut-down-on-signal.ts); Next's own handler would
// exit as soon as its server closed, cutting the delivery workers' jobs short.
env.NEXT_MANUAL_SIG_HANDLE ??= "true";
const server = spawn(process.execPath, [nextBin, "start", "--port", port], {
  cwd: root,
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
