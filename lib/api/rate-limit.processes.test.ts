import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { seedDemoData } from "@/db/seed/seed-demo-data";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { listDemoUsers } from "@/lib/auth/people";

// Two app processes on one PostgreSQL database: each enforces the limits, and together they allow
// no more than the limit (with counters in each process's memory, each allowed the whole limit).
// PGlite is one process's database, so this runs on PostgreSQL only.

const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";
const database = setUpTestDatabase();
const root = path.resolve(import.meta.dirname, "../..");
const limits = { requestsPerMinute: 20, perRecipientPerHour: 6 };
const perProcess = { requests: 15, notifications: 5 };
let environment: Record<string, string> = {};

type Answer = { status: number; retryAfter: string | null };
type Answers = { requests: Answer[]; notifications: Answer[] };

beforeAll(async () => {
  if (!onPostgres) return;
  const { db } = database.handle;
  await seedDemoData(db, { demoApiKey: "nck_rate-limit-processes-key-00000000" });
  const [person] = await listDemoUsers(db);
  const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`)) as [
    { name: string },
  ];
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  environment = {
    DATABASE_URL: url.toString(),
    RATE_LIMIT_PER_MINUTE: String(limits.requestsPerMinute),
    RECIPIENT_LIMIT_PER_HOUR: String(limits.perRecipientPerHour),
    READER_KEY: (await createApiClient(db, { name: "reader", scopes: ["notifications:read"] })).key,
    WRITER_KEY: (await createApiClient(db, { name: "writer", scopes: ["notifications:write"] })).key,
    RECIPIENT_ID: person!.id,
    REQUESTS: String(perProcess.requests),
    NOTIFICATIONS: String(perProcess.notifications),
  };
});

/** Starts one app process and resolves once it has loaded, with a function that lets it send. */
function startProcess(): Promise<{ go: () => Promise<Answers> }> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", "lib/api/testing/hit-limits.ts"],
    {
      cwd: root,
      env: { ...process.env, ...environment, WORKERS_IN_APP: "false" },
    },
  );
  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<Answers>((resolve, reject) =>
    child.on("exit", (code) => {
      const last = output.trim().split("\n").at(-1) ?? "";
      if (code === 0) resolve(JSON.parse(last) as Answers);
      else reject(new Error(`the app process failed (${code}): ${errors}`));
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const before = output;
      output += chunk.toString();
      if (!before.includes("ready\n") && output.includes("ready\n"))
        resolve({ go: () => (child.stdin.end("go\n"), exited) });
    });
    exited.catch(reject);
  });
}

const statuses = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((count, { status }) => ({ ...count, [status]: (count[status] ?? 0) + 1 }), {});

describe.runIf(onPostgres)("limits shared by every app process", () => {
  it("two app processes on one database: the limit holds in total, and each refusal says when to retry", async () => {
    const processes = await Promise.all([startProcess(), startProcess()]);
    const answers = await Promise.all(processes.map((process) => process.go()));
    const requests = answers.flatMap((answer) => answer.requests);
    const notifications = answers.flatMap((answer) => answer.notifications);
    expect(statuses(requests)).toEqual({
      200: limits.requestsPerMinute,
      429: 2 * perProcess.requests - limits.requestsPerMinute,
    });
    expect(statuses(notifications)).toEqual({
      201: limits.perRecipientPerHour,
      429: 2 * perProcess.notifications - limits.perRecipientPerHour,
    });
    for (const refused of [...requests, ...notifications].filter(({ status }) => status === 429))
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    const stored = await database.handle.db.execute(
      sql`select count(*)::integer as count from notifications where message = 'Shared cap'`,
    );
    expect(rowsOf<{ count: number }>(stored)[0]!.count).toBe(limits.perRecipientPerHour);
  });
});
