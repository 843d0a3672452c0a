import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const nextBridgeOnly = "Import Next.js and next-auth only in lib/next-bridge/ (see its README).";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Domain code and the database layer run outside Next.js (tests, workers, scripts), so the
    // framework stays in one bridge folder that says why it needs it (lib/next-bridge/README.md).
    files: ["lib/**", "db/**"],
    ignores: ["lib/next-bridge/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next", message: nextBridgeOnly },
            { name: "next-auth", message: nextBridgeOnly },
          ],
          patterns: [{ group: ["next/*", "next-auth/*"], message: nextBridgeOnly }],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
