import fs from "node:fs";
import path from "node:path";

// Which test files use a database, so vitest.config.ts runs those on PostgreSQL as well as PGlite
// and the rest only once. A file uses a database when its imports reach db/testing/test-database.ts,
// directly or through a helper (lib/delivery/test-support.ts, a file's own setup module …). Reading
// the import graph keeps test files free of any marker to remember, and a new helper is found on
// its own. createTestDatabase checks the answer at run time (see assertClassifiedAsDatabaseTest).

const testDatabaseModule = "db/testing/test-database.ts";
const skippedFolders = new Set(["node_modules", ".git", ".next", ".data", "e2e", "coverage", "test-results"]);
const importSpecifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

/** Every *.test.ts below root, as paths relative to it with forward slashes, sorted. */
export function listTestFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !skippedFolders.has(entry.name) && !entry.name.startsWith(".")) visit(relative);
      else if (entry.isFile() && entry.name.endsWith(".test.ts")) found.push(relative);
    }
  };
  visit("");
  return found.sort();
}

/** The project files a module imports (bare package imports are left out), relative to root. */
function localImports(root: string, file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  const imports: string[] = [];
  for (const [, specifier] of source.matchAll(importSpecifier)) {
    let base: string;
    if (specifier!.startsWith("@/")) base = specifier!.slice(2);
    else if (specifier!.startsWith(".")) base = path.posix.join(path.posix.dirname(file), specifier!);
    else continue;
    const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
    const resolved = candidates.find((candidate) =>
      fs.statSync(path.join(root, candidate), { throwIfNoEntry: false })?.isFile(),
    );
    if (resolved) imports.push(resolved);
  }
  return imports;
}

/** The test files whose imports reach the test-database helpers, relative to root, sorted. */
export function listDatabaseTestFiles(root: string): string[] {
  const importsOf = new Map<string, string[]>();
  const reachesTestDatabase = (start: string): boolean => {
    const seen = new Set([start]);
    const pending = [start];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (file === testDatabaseModule) return true;
      if (!importsOf.has(file)) importsOf.set(file, localImports(root, file));
      for (const next of importsOf.get(file)!) {
        if (!seen.has(next)) {
          seen.add(next);
          pending.push(next);
        }
      }
    }
    return false;
  };
  return listTestFiles(root).filter(reachesTestDatabase);
}

/** A path as a glob that matches only itself: route folders such as [id] are glob syntax otherwise. */
export function escapeGlob(file: string): string {
  return file.replace(/[()[\]{}*?!+@|]/g, "\\$&");
}

/** The environment variable through which vitest.config.ts hands test files the classification (absolute paths). */
export const databaseTestFilesVariable = "DATABASE_TEST_FILES";

/**
 * Stops a test file that opens a database although it was classified as database-free: on
 * PostgreSQL it would be skipped without a word. Outside Vitest's configured run there is nothing to check.
 */
export function assertClassifiedAsDatabaseTest(testPath: string | undefined): void {
  const classified = process.env[databaseTestFilesVariable];
  if (!testPath || classified === undefined) return;
  if ((JSON.parse(classified) as string[]).includes(path.resolve(testPath))) return;
  throw new Error(
    `${path.relative(process.cwd(), testPath)} opens a test database, but vitest.config.ts classified it as ` +
      `database-free, so it would never run on PostgreSQL. Import the test-database helpers (${testDatabaseModule}) ` +
      "with a static import, directly or through a helper module.",
  );
}
