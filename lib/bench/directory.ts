/**
 * How fast the people import is: a 50,000-person CSV imported on PGlite and on PostgreSQL, beside a
 * baseline measured in the same run on the same database: the same rows put into a scratch table
 * with plain multi-row INSERTs, no parsing, no checks, no history. Reports figures and never asserts.
 *
 *   npm run bench:directory
 *
 * BENCH_DATABASE_URL  a PostgreSQL server to create the bench database on
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_PEOPLE        people in the file (default 50000)
 * BENCH_KEEP=1        keep the bench database afterwards, to look at it with psql
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { teams } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { loadAppModule } from "./support/app-modules";
import { formatNumber, markdownTable, type Cell } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

// The import reaches lib/notify/recipients.ts (google-libphonenumber), so it loads as the bundlers load it.
const { importPeople } = loadAppModule<typeof import("@/lib/directory/import/import-people")>(
  "@/lib/directory/import/import-people",
);

const people = Number(process.env.BENCH_PEOPLE ?? 50_000);
const serverUrl = benchServerUrl();
const databaseName = "nc_bench_directory";
const teamKeys = ["finance", "repairs", "rcc", "dlo", "housing-officers"];
const caller: ClientCaller = { kind: "client", id: "00000000-0000-4000-8000-0000000000b1", name: "bench", scopes: [] };

const header = [
  "name",
  "email",
  "mobileNumber",
  "addressLine1",
  "addressLine2",
  "postcode",
  "kind",
  "roles",
  "teams",
  "personId",
  "tenureIds",
  "propertyIds",
  "preferredChannel",
];

/** One person in ten is staff in a team; the rest are residents with a tenure, a flat and its block. */
function personRow(index: number): string[] {
  const id = (prefix: string, value: number) => `${prefix}-0000-4000-8000-${value.toString(16).padStart(12, "0")}`;
  if (index % 10 === 0) {
    const team = teamKeys[index % teamKeys.length]!;
    return [
      `Officer ${index}`,
      `officer.${index}@council.example`,
      "",
      "",
      "",
      "",
      "staff",
      "housing-officer",
      team,
      "",
      "",
      "",
      "email",
    ];
  }
  const texts = index % 3 === 0;
  return [
    `Resident ${index} Example`,
    `resident.${index}@resident.example`,
    // Ofcom's drama range, never a real person's number.
    texts ? `07700 900${String(index % 1000).padStart(3, "0")}` : "",
    `"Flat ${index % 97}, Block ${Math.floor(index / 97)}"`,
    `${1 + (index % 300)} Mare Street`,
    "E8 4RP",
    "resident",
    "",
    "",
    id("5e000000", index),
    id("5e000001", index),
    `${id("5e000002", index)};${id("5e000003", Math.floor(index / 97))}`,
    texts ? "sms" : "letter",
  ];
}

function buildCsv(): string {
  const lines = [header.join(",")];
  for (let index = 1; index <= people; index++) lines.push(personRow(index).join(","));
  return `${lines.join("\n")}\n`;
}

type Measured = { label: string; seconds: number; rows: number };

/** The baseline: the same rows, already split into fields, into a scratch table by multi-row INSERTs. */
async function baselineInsert(handle: DatabaseHandle, csv: string): Promise<Measured> {
  const rows = csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, "")));
  await handle.db.execute(sql`drop table if exists bench_people_scratch`);
  await handle.db.execute(
    sql.raw(`create table bench_people_scratch (${header.map((column) => `"${column}" text`).join(", ")})`),
  );
  // Straight to the driver with a hand-written statement, in one transaction: the baseline should
  // cost the database's work and the wire, not a query builder's.
  const insertAll = async (run: (text: string, params: string[]) => Promise<unknown>) => {
    // 13 parameters a row: 5,000 rows stay under PostgreSQL's 65,535 parameters a statement.
    for (let start = 0; start < rows.length; start += 5_000) {
      const chunk = rows.slice(start, start + 5_000);
      const placeholders = chunk.map(
        (_, row) => `(${header.map((__, column) => `$${row * header.length + column + 1}`).join(", ")})`,
      );
      const params = chunk.flatMap((row) => header.map((_, column) => row[column] ?? ""));
      await run(`insert into bench_people_scratch values ${placeholders.join(", ")}`, params);
    }
  };
  const started = performance.now();
  if (handle.pglite) await handle.pglite.transaction((tx) => insertAll((text, params) => tx.query(text, params)));
  else await handle.postgresClient!.begin((tx) => insertAll((text, params) => tx.unsafe(text, params)));
  return { label: "baseline: multi-row INSERT into a scratch table", seconds: since(started), rows: rows.length };
}

async function importRun(handle: DatabaseHandle, csv: string, label: string, dryRun: boolean): Promise<Measured> {
  const started = performance.now();
  const result = await handle.db.transaction((tx) => importPeople(tx, caller, csv, { dryRun }));
  const seconds = since(started);
  progress(
    `${label}: ${JSON.stringify({ created: result.created, updated: result.updated, unchanged: result.unchanged })}`,
  );
  return { label, seconds, rows: result.lines.length };
}

const since = (started: number) => (performance.now() - started) / 1000;

async function measureOn(handle: DatabaseHandle, csv: string, name: string): Promise<Measured[]> {
  await migrateDatabase(handle);
  await handle.db.insert(teams).values(teamKeys.map((key) => ({ key, name: key })));
  progress(`${name}: baseline`);
  const baseline = await baselineInsert(handle, csv);
  progress(`${name}: baseline ${baseline.seconds.toFixed(2)} s; dry run`);
  const dryRun = await importRun(handle, csv, "import, dryRun=true (checks and preview only)", true);
  progress(`${name}: dry run ${dryRun.seconds.toFixed(2)} s; import`);
  const first = await importRun(handle, csv, "import into an empty directory (all created)", false);
  progress(`${name}: import ${first.seconds.toFixed(2)} s; the same file again`);
  const again = await importRun(handle, csv, "the same file again (all unchanged)", false);
  const [{ people: stored, entries }] = rowsOf<{ people: number; entries: number }>(
    await handle.db.execute(
      sql`select (select count(*) from users)::int as people, (select count(*) from activities)::int as entries`,
    ),
  ) as [{ people: number; entries: number }];
  if (stored !== people || entries !== people) throw new Error(`${name}: ${stored} people, ${entries} history entries`);
  return [baseline, dryRun, first, again];
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= "silent";
  progress(`building a CSV of ${people.toLocaleString("en-GB")} people`);
  const csv = buildCsv();
  const megabytes = Buffer.byteLength(csv) / 1024 / 1024;

  const results: { database: string; runs: Measured[] }[] = [];
  const pglite = await openDatabase({ driver: "pglite" });
  try {
    results.push({ database: "PGlite (in memory)", runs: await measureOn(pglite, csv, "PGlite") });
  } finally {
    await pglite.close();
  }
  const url = await recreateDatabase(serverUrl, databaseName);
  const postgres = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  let version = "";
  try {
    results.push({ database: "PostgreSQL", runs: await measureOn(postgres, csv, "PostgreSQL") });
    version = rowsOf<{ version: string }>(await postgres.db.execute(sql`select version()`))[0]!.version;
  } finally {
    await postgres.close();
    await dropBenchDatabases(serverUrl, [databaseName]);
  }

  const rows: Cell[][] = results.flatMap(({ database, runs }) =>
    runs.map((run) => [
      database,
      run.label,
      formatNumber(run.seconds, 2),
      formatNumber(run.rows / run.seconds),
      formatNumber(run.seconds / runs[0]!.seconds, 1),
    ]),
  );
  const table = markdownTable(["database", "run", "seconds", "rows / s", "× baseline time"], rows, [
    "left",
    "left",
    "right",
    "right",
    "right",
  ]);
  const markdown = [
    "# bench:directory",
    "",
    `Importing ${people.toLocaleString("en-GB")} people from one CSV (${megabytes.toFixed(1)} MB; 1 in 10 staff in a team, ` +
      "the rest residents with an address, a tenure, a flat and its block) through `importPeople` in one transaction: " +
      "parse, check every row as Notify would, match by email or personId, then set-based writes and one history entry per person. " +
      "The baseline puts the same rows, already split into fields, into a scratch table of text columns with multi-row INSERTs " +
      "(5,000 rows a statement), with no checks, no indexes and no history.",
    "",
    table,
    "",
    `Run ${new Date().toISOString()} in ${elapsedSeconds().toFixed(0)} s; Node ${process.version}, ${os.cpus().length} × ` +
      `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}; ${version}.`,
  ].join("\n");
  publishReport("directory", markdown);
}

runBench("directory", main);
