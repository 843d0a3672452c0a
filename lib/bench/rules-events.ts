/**
 * bench:rules, event part: what event rules cost POST /api/v1/events. The route handler is called
 * in process (parse, API-key check, one transaction storing the activity and running the rules)
 * on PGlite and on PostgreSQL, in three phases measured in the same run on the same database:
 * no enabled event rule (the baseline); 20 enabled event rules of which none fits the events (the
 * cost of loading and matching); and 20 of which one fits, making a notification for a 3-person
 * team per event. Phases alternate in rounds, so drift hits all three alike. Reports, never asserts.
 *
 * BENCH_EVENTS  events per phase and round (default 300); BENCH_ROUNDS rounds (default 3)
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { setDatabaseHandle } from "@/db/runtime";
import { rules, teamMembers, teams, users } from "@/db/schema";
import { createApiClient } from "@/lib/auth/api-clients";
import { loadAppModule } from "./support/app-modules";
import { formatNumber, markdownTable, type Cell } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { median, progress } from "./support/progress";
import { dropBenchDatabases } from "./support/run-bench";

type RouteModule = typeof import("@/app/api/v1/events/route");

const eventsPerPhase = Number(process.env.BENCH_EVENTS ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const databaseName = "nc_bench_rules_events";

const phases = [
  { key: "none", label: "no enabled event rule (baseline)" },
  { key: "miss", label: "20 enabled event rules, none fits" },
  { key: "hit", label: "20 enabled event rules, 1 fits (a notification to a 3-person team)" },
] as const;
type PhaseKey = (typeof phases)[number]["key"];

/** Nineteen rules that match the event type but not its fields, and one each for the miss and hit phases. */
async function addBenchRules(handle: DatabaseHandle): Promise<void> {
  const missing = (index: number, phase: string) => ({
    name: `bench ${phase} ${index}`,
    kind: "event" as const,
    enabled: false,
    definition: {
      match: { eventType: "TenureCreatedEvent", newData: { paymentReference: `never-${index}` } },
      category: "newTenure",
      audience: { team: "bench-finance" },
      message: "New tenure {{newData.paymentReference}}",
    },
  });
  const shared = Array.from({ length: 19 }, (_, index) => ({
    ...missing(index, "shared"),
    name: `bench shared ${index}`,
  }));
  await handle.db.update(rules).set({ enabled: false });
  await handle.db.insert(rules).values([
    ...shared,
    missing(19, "miss"),
    {
      ...missing(19, "hit"),
      definition: { ...missing(19, "hit").definition, match: { eventType: "TenureCreatedEvent" } },
    },
  ]);
}

async function enablePhase(handle: DatabaseHandle, phase: PhaseKey): Promise<void> {
  await handle.db.update(rules).set({
    enabled:
      phase === "none"
        ? sql`false`
        : sql`${rules.name} like 'bench shared %' or ${rules.name} like ${`bench ${phase} %`}`,
  });
}

async function seed(handle: DatabaseHandle): Promise<string> {
  const [team] = await handle.db.insert(teams).values({ key: "bench-finance", name: "Bench finance" }).returning();
  const members = await handle.db
    .insert(users)
    .values(
      [1, 2, 3].map((index) => ({
        name: `Officer ${index}`,
        email: `officer.${index}@bench.example`,
        roles: ["finance-officer" as const],
      })),
    )
    .returning();
  await handle.db.insert(teamMembers).values(members.map((member) => ({ teamId: team!.id, userId: member.id })));
  await addBenchRules(handle);
  const { key } = await createApiClient(handle.db, { name: "bench-events", scopes: ["activity:write"] });
  return key;
}

function eventBody(): string {
  return JSON.stringify({
    id: randomUUID(),
    eventType: "TenureCreatedEvent",
    sourceDomain: "Tenure",
    dateTime: new Date(Date.now() - 1000).toISOString(),
    user: { name: "Bench", email: "bench@bench.example" },
    entityId: randomUUID(),
    eventData: { newData: { paymentReference: `PR-${randomUUID().slice(0, 8)}` } },
  });
}

/** Events a second for one batch, each posted to the route handler and checked for its 201. */
async function postEvents(route: RouteModule, key: string, count: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const request = new Request("http://bench/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: eventBody(),
    });
    const response = await route.POST(request, { params: Promise.resolve({}) });
    if (response.status !== 201)
      throw new Error(`POST /api/v1/events answered ${response.status}: ${await response.text()}`);
  }
  return count / ((performance.now() - started) / 1000);
}

export type EventPhaseResult = { database: string; phase: PhaseKey; label: string; perSecond: number; ratio: number };

async function measureOn(handle: DatabaseHandle, database: string, route: RouteModule): Promise<EventPhaseResult[]> {
  await migrateDatabase(handle);
  setDatabaseHandle(handle);
  const key = await seed(handle);
  await enablePhase(handle, "hit");
  await postEvents(route, key, Math.min(50, eventsPerPhase)); // warm-up: JIT, plans, the rules' client row
  const samples: Record<PhaseKey, number[]> = { none: [], miss: [], hit: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const { key: phase } of phases) {
      await enablePhase(handle, phase);
      samples[phase].push(await postEvents(route, key, eventsPerPhase));
    }
    progress(
      `${database}: round ${round}/${rounds} ${phases.map((p) => `${p.key} ${median(samples[p.key]).toFixed(0)}/s`).join(", ")}`,
    );
  }
  const [{ made }] = rowsOf<{ made: number }>(
    await handle.db.execute(sql`select count(*)::int as made from notifications where category = 'newTenure'`),
  ) as [{ made: number }];
  if (made < rounds * eventsPerPhase) throw new Error(`${database}: only ${made} notifications made by the hit phase`);
  const baseline = median(samples.none);
  return phases.map(({ key: phase, label }) => ({
    database,
    phase,
    label,
    perSecond: median(samples[phase]),
    ratio: median(samples[phase]) / baseline,
  }));
}

/** Runs the event part on PGlite and PostgreSQL and returns its markdown section. */
export async function measureEventRules(serverUrl = benchServerUrl()): Promise<string> {
  process.env.RATE_LIMIT_PER_MINUTE = "100000000";
  const route = loadAppModule<RouteModule>("@/app/api/v1/events/route");
  const results: EventPhaseResult[] = [];
  const pglite = await openDatabase({ driver: "pglite" });
  try {
    results.push(...(await measureOn(pglite, "PGlite (in memory)", route)));
  } finally {
    setDatabaseHandle(undefined);
    await pglite.close();
  }
  const url = await recreateDatabase(serverUrl, databaseName);
  const postgres = await openDatabase({ driver: "postgres", url, maxConnections: 4 });
  try {
    results.push(...(await measureOn(postgres, "PostgreSQL", route)));
  } finally {
    setDatabaseHandle(undefined);
    await postgres.close();
    await dropBenchDatabases(serverUrl, [databaseName]);
  }
  const rows: Cell[][] = results.map((result) => [
    result.database,
    result.label,
    formatNumber(result.perSecond),
    formatNumber(result.ratio, 2),
  ]);
  return [
    "## Event ingestion with event rules",
    "",
    `POST /api/v1/events called in process, one event at a time, ${eventsPerPhase} events per phase in each of ${rounds} rounds ` +
      "(phases alternate; the median round is shown). Each event is a TenureCreatedEvent stored as activity history in one transaction " +
      "that also loads the enabled event rules (one query), matches them and, in the last phase, makes one notification for a 3-person team " +
      "through the create pipeline. Target: ratio ≥ 0.7 with 20 enabled rules.",
    "",
    markdownTable(["database", "phase", "events / s", "ratio to baseline"], rows, ["left", "left", "right", "right"]),
  ].join("\n");
}
