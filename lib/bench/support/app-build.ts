import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { progress } from "./progress";

const root = process.cwd();
const buildIdFile = path.join(root, ".next", "BUILD_ID");
// What `next build` compiles. Tests are left out: editing one does not change the served app.
const sourceEntries = [
  "app",
  "components",
  "db",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "package.json",
];

/**
 * Builds the app when there is no production build or it is older than the source. A stale build
 * would serve yesterday's routes (404s that look like slow endpoints), so "missing" alone is not enough.
 */
export function ensureProductionBuild(): void {
  const builtAt = fs.existsSync(buildIdFile) ? fs.statSync(buildIdFile).mtimeMs : 0;
  const newest = newestSourceFile();
  if (builtAt > 0 && newest.mtimeMs <= builtAt) {
    progress("production build is up to date");
    return;
  }
  progress(
    builtAt === 0
      ? "no production build: running next build"
      : `build is older than ${newest.file}: running next build`,
  );
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
}

function newestSourceFile(): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry) && stat.mtimeMs > newest.mtimeMs) {
      newest = { file: path.relative(root, entry), mtimeMs: stat.mtimeMs };
    }
  };
  for (const entry of sourceEntries) visit(path.join(root, entry));
  return newest;
}
