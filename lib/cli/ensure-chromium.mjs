// Playwright cannot download its own browsers here, so e2e tests drive Debian's Chromium.
// Installs it when missing and we may (root with apt-get); otherwise stops with what to do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `No Chromium at ${chromium}. Install Debian's chromium package (sudo apt-get install -y chromium), ` +
      "or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.",
  );
  process.exit(1);
}

console.log(`No Chromium at ${chromium}: installing Debian's chromium package…`);
for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
  const result = spawnSync("apt-get", args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed; install chromium by hand and run the tests again.`);
    process.exit(1);
  }
}
if (!existsSync(chromium)) {
  console.error(`chromium installed, but not at ${chromium}; set CHROMIUM_PATH.`);
  process.exit(1);
}
