import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eApiKey, e2eAuthSecret, e2eMetricsToken, e2ePort } from "./e2e/support/constants";

// A brand-new embedded database for every run, so journeys start from the seeded demo data.
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "notification-centre-e2e-"));

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${e2ePort}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Root in a container needs --no-sandbox; the rest keep Chromium off a network it cannot reach.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "journeys", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    // The same launcher as `npm start`; `npm run test:e2e` builds first, so this serves the code under test.
    command: "node lib/cli/start.mjs",
    url: `http://127.0.0.1:${e2ePort}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(e2ePort),
      DATA_DIR: dataDir,
      DEMO_API_KEY: e2eApiKey,
      AUTH_SECRET: e2eAuthSecret,
      METRICS_TOKEN: e2eMetricsToken,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // Another origin of this same server, for activity-history-callers.spec.ts's cross-origin calls.
      CORS_ORIGINS: `http://localhost:${e2ePort}`,
    },
  },
});
