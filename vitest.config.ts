import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { databaseTestFilesVariable, escapeGlob, listDatabaseTestFiles } from "./db/testing/database-test-files.ts";

const root = import.meta.dirname;
const databaseTestFiles = listDatabaseTestFiles(root);

// Every test file runs on PGlite. When TEST_DATABASE_URL points at a PostgreSQL server (CI sets it),
// the files that use a database run a second time on that server; the rest have nothing to learn
// from a second database and run once. Each database test file gets its own fresh database.
const projects = [
  { name: "pglite", driver: "pglite", include: ["**/*.test.ts"] },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "postgres", driver: "postgres", include: databaseTestFiles.map(escapeGlob) }]
    : []),
];

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // Most test files spend their time waiting on a database, a timer or a child process rather
    // than computing, so on a small machine one worker more than its cores keeps them busy (CI's
    // two cores: 3 workers instead of 2).
    maxWorkers: Math.max(3, os.availableParallelism()),
    projects: projects.map(({ name, driver, include }) => ({
      extends: true,
      test: {
        name,
        env: {
          NODE_ENV: "test",
          LOG_LEVEL: "silent",
          AUTH_SECRET: "test-secret-for-vitest-only-0123456789abcdef",
          // A fixed key, so tests never write one into DATA_DIR.
          WEBHOOK_SECRETS_KEY: Buffer.alloc(32, 7).toString("base64"),
          TEST_DATABASE_DRIVER: driver,
          // createTestDatabase refuses to run in a file missing from this list (it would skip PostgreSQL).
          [databaseTestFilesVariable]: JSON.stringify(databaseTestFiles.map((file) => path.join(root, file))),
        },
        include,
        exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
        environment: "node",
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
