import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeGlob, listDatabaseTestFiles, listTestFiles } from "./database-test-files";

// A small project on disk: the test-database helpers, and test files that reach them in each way
// the classification must recognise, or not at all. The helpers' path is spliced in, so that this
// file's own source does not name it: the classification reads import text wherever it appears.
const helpers = ["@", "db", "testing", "test-database"].join("/");
const project: Record<string, string> = {
  "db/testing/test-database.ts": "export async function createTestDatabase() {}",
  "lib/direct.test.ts": `import { setUpTestDatabase } from "${helpers}";`,
  "lib/relative.test.ts": `import { createTestDatabase } from '${helpers.replace("@", "..")}';`,
  "lib/fixture-support/database-setup.ts": `import {\n  setUpTestDatabase,\n} from "${helpers}";`,
  "lib/fixture-support/through-helper.test.ts": 'import { setUpDeliveryTest } from "./database-setup";',
  "lib/re-export.ts": 'export * from "./fixture-support/database-setup";',
  "lib/through-re-export.test.ts": 'import "./re-export";',
  "app/api/v1/things/[id]/route.test.ts": 'const support = await import("@/lib/fixture-support/database-setup");',
  "lib/cycle-a.ts": 'import { b } from "./cycle-b";\nexport const a = 1;',
  "lib/cycle-b.ts": 'import { a } from "./cycle-a";\nexport const b = 2;',
  "lib/pure.test.ts": 'import { expect } from "vitest";\nimport { a } from "./cycle-a";',
  "lib/helpers/index.ts": "export const nothing = 0;",
  "lib/folder-import.test.ts": 'import { nothing } from "./helpers";',
  "node_modules/some-package/thing.test.ts": `import "${helpers}";`,
};

let root = "";
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "database-test-files-"));
  for (const [file, source] of Object.entries(project)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), source);
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("listDatabaseTestFiles", () => {
  it("finds every test file outside node_modules", () => {
    expect(listTestFiles(root)).toEqual([
      "app/api/v1/things/[id]/route.test.ts",
      "lib/direct.test.ts",
      "lib/fixture-support/through-helper.test.ts",
      "lib/folder-import.test.ts",
      "lib/pure.test.ts",
      "lib/relative.test.ts",
      "lib/through-re-export.test.ts",
    ]);
  });

  it("keeps the files whose imports reach the test-database helpers, through helpers and re-exports", () => {
    expect(listDatabaseTestFiles(root)).toEqual([
      "app/api/v1/things/[id]/route.test.ts",
      "lib/direct.test.ts",
      "lib/fixture-support/through-helper.test.ts",
      "lib/relative.test.ts",
      "lib/through-re-export.test.ts",
    ]);
  });
});

describe("escapeGlob", () => {
  it("turns a route folder's brackets into literal characters", () => {
    expect(escapeGlob("app/api/v1/things/[id]/route.test.ts")).toBe("app/api/v1/things/\\[id\\]/route.test.ts");
  });
});

describe("createTestDatabase in a file classified as database-free", () => {
  it("refuses, naming the file, instead of letting PostgreSQL skip it", async () => {
    // A computed specifier hides the import from the classification, as a mistake elsewhere would.
    const { createTestDatabase } = (await import(helpers)) as { createTestDatabase: () => Promise<unknown> };
    await expect(createTestDatabase()).rejects.toThrow(
      "db/testing/database-test-files.test.ts opens a test database, but vitest.config.ts classified it as database-free",
    );
  });
});
