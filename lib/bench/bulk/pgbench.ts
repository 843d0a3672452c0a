import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

// The baseline bench:bulk compares with: PostgreSQL's own pgbench inserting single rows, one
// statement and one commit each, into a scratch table of the same database, in the same run.

const scratchTable = "bench_single_row_inserts";

/** pgbench on PATH, else the newest under /usr/lib/postgresql/<version>/bin. */
export function findPgbench(): string {
  const onPath = spawnSync("pgbench", ["--version"], { encoding: "utf8" });
  if (onPath.status === 0) return "pgbench";
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(root, version, "bin", "pgbench");
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("pgbench not found: install postgresql-client or put pgbench on PATH");
}

export type PgbenchResult = { transactionsPerSecond: number; clients: number; seconds: number; command: string };

/**
 * Single-row INSERTs (autocommit: each its own transaction) from `clients` connections for
 * `seconds`, into a scratch table shaped like a small notification row; the table is dropped after.
 */
export async function runPgbench(url: string, clients = 2, seconds = 5): Promise<PgbenchResult> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bulk-"));
  const script = path.join(folder, "single-row-insert.sql");
  try {
    await sql.unsafe(`drop table if exists ${scratchTable}`);
    await sql.unsafe(`create table ${scratchTable} (
      id uuid primary key default gen_random_uuid(), email text not null, message text,
      personalisation jsonb, created_at timestamptz not null default now())`);
    fs.writeFileSync(
      script,
      `insert into ${scratchTable} (email, message, personalisation) ` +
        `values ('resident' || :client_id || '@example.com', 'Gas check due', '{"title": "Flat 4"}');\n`,
    );
    const binary = findPgbench();
    const args = ["-n", "-c", String(clients), "-j", String(clients), "-T", String(seconds), "-f", script, url];
    const output = execFileSync(binary, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
    if (!tps) throw new Error(`Could not read tps from pgbench:\n${output}`);
    return {
      transactionsPerSecond: Number(tps),
      clients,
      seconds,
      command: `pgbench -n -c ${clients} -j ${clients} -T ${seconds} -f single-row-insert.sql`,
    };
  } finally {
    await sql.unsafe(`drop table if exists ${scratchTable}`).catch(() => undefined);
    await sql.end({ timeout: 5 });
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
