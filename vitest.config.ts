import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests run on PGlite always and, when TEST_DATABASE_URL points at a PostgreSQL server
// (CI sets it), a second time on that server. Each test file gets its own fresh database.
const databaseProjects = [
  { name: "pglite", env: { TEST_DATABASE_DRIVER: "pglite" } },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgres", env: { TEST_DATABASE_DRIVER: "postgres" } }] : []),
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: databaseProjects.map(({ name, env }) => ({
      extends: true,
      test: {
        name,
        env: {
          NODE_ENV: "test",
          LOG_LEVEL: "silent",
          AUTH_SECRET: "test-secret-for-vitest-only-0123456789abcdef",
          ...env,
        },
        include: ["**/*.test.ts"],
        exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
        environment: "node",
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
