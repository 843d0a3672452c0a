import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase, migrationsFolder } from "@/db/migrate";

/**
 * The snapshot's file: named by the migrations it holds and the PGlite that made it, so a changed
 * migration or PGlite never loads a stale one.
 */
function snapshotFile(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string };
  hash.update(pglite.version);
  const files = fs.readdirSync(migrationsFolder, { recursive: true, encoding: "utf8" }).sort();
  for (const file of files) {
    const full = path.join(migrationsFolder, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(file).update(fs.readFileSync(full));
  }
  return path.join(os.tmpdir(), `notification-centre-pglite-${hash.digest("hex").slice(0, 24)}.tar`);
}

/**
 * A fresh, migrated in-memory PGlite for one test file. Starting PGlite from nothing runs initdb
 * (about 3–4 s on this machine) before the migrations (about 0.3 s); starting it from a snapshot of
 * the migrated database takes about 1.4 s, which over every database test file is minutes of CI.
 * The first file to need it migrates with the production code and writes the snapshot (atomically:
 * parallel workers may both write; the rename makes one whole file win); later files load it.
 */
export async function openMigratedPglite(): Promise<DatabaseHandle> {
  const file = snapshotFile();
  if (fs.existsSync(file)) return openDatabase({ driver: "pglite", loadDataDir: new Blob([fs.readFileSync(file)]) });
  const handle = await openDatabase({ driver: "pglite" });
  await migrateDatabase(handle);
  const dump = await handle.pglite!.dumpDataDir("none");
  // Workers may be threads of one process (a vitest pool option), so the pid alone is not unique.
  const partial = `${file}.${process.pid}-${threadId}.partial`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
  return handle;
}
