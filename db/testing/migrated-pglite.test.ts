import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "@/db/migrate";
import { openMigratedPglite } from "./migrated-pglite";

// Test files start PGlite from a snapshot of the migrated database (migrated-pglite.ts): it must be
// the database every migration makes, whether this call writes the snapshot or loads it.
describe("openMigratedPglite", () => {
  it("gives a database with every committed migration applied, and a fresh copy each time", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    const teamsSeen: number[] = [];
    for (let open = 0; open < 2; open++) {
      const handle = await openMigratedPglite();
      try {
        const applied = await handle.pglite!.query<{ count: number }>(
          "select count(*)::int as count from drizzle.__drizzle_migrations",
        );
        expect(applied.rows[0]!.count).toBe(journal.entries.length);
        const teams = await handle.pglite!.query<{ count: number }>("select count(*)::int as count from teams");
        teamsSeen.push(teams.rows[0]!.count);
        // Written to this copy only: the next open must not see it.
        await handle.pglite!.query("insert into teams (key, name) values ('snapshot-test', 'Snapshot test')");
      } finally {
        await handle.close();
      }
    }
    expect(teamsSeen[1]).toBe(teamsSeen[0]);
  });
});
