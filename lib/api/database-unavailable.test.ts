import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { setDatabaseHandle } from "@/db/runtime";
import { setUpTestDatabase } from "@/db/testing/test-database";
import * as me from "@/app/api/v1/me/route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { problemContentType, toProblemResponse } from "./problem";

const database = setUpTestDatabase();
const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

/** GET /api/v1/me as Fiona, through the real handler and whatever database the process now has. */
async function callMe(): Promise<Response> {
  return me.GET(new Request("http://test/api/v1/me", { headers: await demo.as("fiona") }), {
    params: Promise.resolve({}),
  });
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe(problemContentType);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({ status: 503, title: "Service unavailable" });
}

/** A second pool on this test file's database, as another process would have. */
async function openSecondPool(options: { maxConnections: number; poolWaitMs?: number }): Promise<DatabaseHandle> {
  const [row] = rowsOf<{ name: string }>(await database.handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return openDatabase({ driver: "postgres", url: url.toString(), ...options });
}

describe.runIf(onPostgres)("when the database cannot serve a request", () => {
  it("answers 503 with Retry-After when no server listens at the address, and serves again once one does", async () => {
    const closedPort = new URL(process.env.TEST_DATABASE_URL!);
    closedPort.port = "1";
    const request = new Request("http://test/api/v1/me", { headers: await demo.as("fiona") });
    // Set and called with no await between: the process forgets a database that failed to open
    // (so the next request tries again), and must not have done so before the handler asks for it.
    const opening = openDatabase({ driver: "postgres", url: closedPort.toString() });
    opening.catch(() => {});
    setDatabaseHandle(opening);
    await expectUnavailable(await me.GET(request, { params: Promise.resolve({}) }));
    setDatabaseHandle(database.handle);
    expect((await callMe()).status).toBe(200);
  });

  it("answers 503 with Retry-After when the server ends the connection under a query", async () => {
    const second = await openSecondPool({ maxConnections: 1 });
    try {
      const [{ pid }] = rowsOf<{ pid: number }>(await second.db.execute(sql`select pg_backend_pid() as pid`)) as [
        { pid: number },
      ];
      const sleeping = second.db.execute(sql`select pg_sleep(30)`).then(
        () => undefined,
        (error: unknown) => error,
      );
      await waitUntilActive(pid!);
      await database.handle.db.execute(sql`select pg_terminate_backend(${pid})`);
      const error = await sleeping;
      expect(error).toBeDefined();
      await expectUnavailable(toProblemResponse(error, { correlationId: "test" }));
      // A query already queued on the dying connection fails the same way (503); then the pool opens a new one by itself.
      let recovered = false;
      for (let attempt = 0; attempt < 5 && !recovered; attempt++) {
        try {
          recovered = rowsOf(await second.db.execute(sql`select 1 as one`)).length === 1;
        } catch (failure) {
          await expectUnavailable(toProblemResponse(failure, { correlationId: "test" }));
        }
      }
      expect(recovered).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("answers 503 with Retry-After when every pooled connection stays busy, and serves again once one frees", async () => {
    const second = await openSecondPool({ maxConnections: 1, poolWaitMs: 100 });
    let finish!: () => void;
    const held = second.db.transaction(() => new Promise<void>((resolve) => (finish = resolve)));
    try {
      setDatabaseHandle(second);
      await expectUnavailable(await callMe());
      finish();
      await held;
      expect((await callMe()).status).toBe(200);
    } finally {
      finish?.();
      setDatabaseHandle(database.handle);
      await second.close();
    }
  });
});

async function waitUntilActive(pid: number) {
  for (;;) {
    const rows = rowsOf<{ state: string }>(
      await database.handle.db.execute(sql`select state from pg_stat_activity where pid = ${pid}`),
    );
    if (rows[0]?.state === "active") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
