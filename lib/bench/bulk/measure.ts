import type { DatabaseHandle } from "@/db/client";
import { createApiClient } from "@/lib/auth/api-clients";
import { clearTemplateCache, findTemplate } from "@/lib/notify/templates";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { loadAppModule } from "../support/app-modules";
import { median, progress, timed } from "../support/progress";

// What bench:bulk times on one database: bulk requests of 1,000 emails through the route handler
// (a real Request, as Next.js calls it: auth, JSON, validation, the pipeline, the response), and a
// 10,000-row CSV through the batch route the same way.

type RouteModule = { POST: (request: Request, context: { params: Promise<object> }) => Promise<Response> };
const bulkRoute = loadAppModule<RouteModule>("@/app/api/v1/notifications/bulk/route");
const batchRoute = loadAppModule<RouteModule>("@/app/api/v1/notifications/batch/route");

const templateId = notifyTemplateIds.email.visitDue!;
const personalisation = {
  title: "Gas check",
  recipient_name: "Rosa",
  urgent: "no",
  summary: "We will check the boiler",
  action_url: "https://example.com/visit",
};

/** An API client with notifications:write, as a service calling the API would be. */
export async function benchClientHeaders(handle: DatabaseHandle): Promise<Record<string, string>> {
  const { key } = await createApiClient(handle.db, { name: "bench-bulk", scopes: ["notifications:write"] });
  return { authorization: `Bearer ${key}` };
}

async function call(route: RouteModule, url: string, headers: Record<string, string>, body: string): Promise<number> {
  const response = await route.POST(new Request(url, { method: "POST", headers, body }), {
    params: Promise.resolve({}),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { count: number }).count;
}

export type BulkTiming = { notifications: number; requests: number; concurrency: number; ms: number };

/** `requests` bulk requests of `size` emails (each to its own address), `concurrency` at a time. */
export async function measureBulk(
  headers: Record<string, string>,
  { requests, size, concurrency, label }: { requests: number; size: number; concurrency: number; label: string },
): Promise<BulkTiming> {
  const bodies = Array.from({ length: requests }, (_, request) =>
    JSON.stringify({
      notifications: Array.from({ length: size }, (_, item) => ({
        notificationType: "Email",
        serviceKey: "housing",
        templateId,
        email: `${label.toLowerCase()}.${request}.${item}@example.com`,
        personalisationParams: personalisation,
      })),
    }),
  );
  // One request first, outside the timing: the template cache and the statements warm up.
  await call(bulkRoute, "http://bench/api/v1/notifications/bulk", jsonHeaders(headers), warmUpBody(label));
  let next = 0;
  let created = 0;
  const { ms } = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const count = await call(bulkRoute, "http://bench/api/v1/notifications/bulk", jsonHeaders(headers), body);
          created += count;
        }
      }),
    ),
  );
  progress(`${label} bulk: ${created} notifications in ${requests} requests, ${ms.toFixed(0)} ms`);
  return { notifications: created, requests, concurrency, ms };
}

const jsonHeaders = (headers: Record<string, string>) => ({ ...headers, "content-type": "application/json" });

function warmUpBody(label: string): string {
  const item = (index: number) => ({
    notificationType: "Email",
    serviceKey: "housing",
    templateId,
    email: `${label.toLowerCase()}.warm.${index}@example.com`,
    personalisationParams: personalisation,
  });
  return JSON.stringify({ notifications: Array.from({ length: 10 }, (_, index) => item(index)) });
}

export type CsvTiming = { rows: number; runs: number; medianMs: number; allMs: number[] };

/** A CSV of `rows` emails through POST /api/v1/notifications/batch, end to end, `runs` times. */
export async function measureCsv(
  headers: Record<string, string>,
  { rows, runs, label }: { rows: number; runs: number; label: string },
): Promise<CsvTiming> {
  const query = new URLSearchParams({ notificationType: "Email", serviceKey: "housing", templateId });
  const url = `http://bench/api/v1/notifications/batch?${query}`;
  const allMs: number[] = [];
  for (let run = 1; run <= runs; run++) {
    await warmTemplateCache();
    const lines = Array.from(
      { length: rows },
      (_, row) =>
        `${label.toLowerCase()}.csv.${run}.${row}@example.com,Gas check,Rosa,no,We will check,https://example.com/v`,
    );
    const csv = ["email address,title,recipient_name,urgent,summary,action_url", ...lines].join("\n");
    const { result, ms } = await timed(() => call(batchRoute, url, { ...headers, "content-type": "text/csv" }, csv));
    if (result !== rows) throw new Error(`the batch created ${result} of ${rows}`);
    progress(`${label} CSV of ${rows} rows, run ${run}/${runs}: ${ms.toFixed(0)} ms`);
    allMs.push(ms);
  }
  return { rows, runs, medianMs: median(allMs), allMs };
}

/**
 * Fetches the template list afresh, untimed, before each CSV run, so the run starts with a whole
 * 60 s of template cache: a run on PGlite can outlast what is left of it while blocking the event loop, so the next fetch may meet a keep-alive socket
 * the simulator closed meanwhile (ECONNRESET, a 503). Once more on that error, then give up.
 */
async function warmTemplateCache(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      clearTemplateCache();
      await findTemplate("housing", templateId);
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
      progress(`template fetch failed (${error instanceof Error ? error.message : String(error)}); once more`);
    }
  }
}
