import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { GET as getHealth } from "@/app/api/v1/health/route";
import { GET as getNotification } from "@/app/api/v1/notifications/[id]/route";
import { resetSettings } from "@/lib/config/settings";
import { deliverySendQueue, getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor } from "@/lib/delivery/test-support";
import { runSteps } from "@/lib/jobs/steps";
import { fixtureTeam, insertOperationsFixtures } from "@/lib/operations/testing/operations-fixtures";
import { GET } from "./route";

const database = setUpTestDatabase();
const token = "metrics-token-0123456789abcdef0123456789";
const noParams = { params: Promise.resolve({}) };

const scrape = (authorization?: string) =>
  GET(new Request("http://test/metrics", { headers: authorization ? { authorization } : {} }), noParams);

/** The samples of a Prometheus text exposition: `name{labels}` → value. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a sample line: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ""}`, Number(match[3]));
  }
  return samples;
}

beforeAll(async () => {
  process.env.METRICS_TOKEN = token;
  resetSettings();
  await insertOperationsFixtures(database.handle.db, { now: new Date(), serviceKey: "housing" });
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  const boss = await getDeliveryQueue();
  await boss.send(deliverySendQueue, { deliveryId: "waiting" });
  await boss.send(deliverySendQueue, { deliveryId: "later" }, { startAfter: new Date(Date.now() + 3_600_000) });
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  resetSettings();
  await stopDeliveryQueue({ timeoutMs: 3000 });
  await setDeliveryQueueTarget(undefined);
});

describe("GET /metrics", () => {
  it("refuses a scrape without the token, or with the wrong one, as problem+json 401", async () => {
    for (const authorization of [undefined, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, token, "Basic abc"]) {
      const response = await scrape(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 401 });
    }
  });

  it("is not there at all (404) when METRICS_TOKEN is unset", async () => {
    delete process.env.METRICS_TOKEN;
    resetSettings();
    try {
      const response = await scrape(`Bearer ${token}`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    } finally {
      process.env.METRICS_TOKEN = token;
      resetSettings();
    }
  });

  it("reports the database's deliveries, queues, Notify sends, open items and rule steps", async () => {
    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await response.text());
    const value = (series: string) => samples.get(`notification_centre_${series}`);
    expect(value('recent_deliveries{channel="email",status="delivered"}')).toBe(2);
    expect(value('recent_deliveries{channel="email",status="permanent-failure"}')).toBe(1);
    expect(value('recent_deliveries{channel="letter",status="pending-virus-check"}')).toBe(1);
    // Older than a day: not in the recent figures.
    expect(value('recent_deliveries{channel="sms",status="rejected"}')).toBeUndefined();
    expect(value(`queue_jobs{queue="${deliverySendQueue}",state="ready"}`)).toBe(1);
    expect(value(`queue_jobs{queue="${deliverySendQueue}",state="deferred"}`)).toBe(1);
    expect(value(`queue_oldest_ready_job_age_seconds{queue="${deliverySendQueue}"}`)).toBeGreaterThanOrEqual(0);
    expect(value('notify_sends_last_minute{service="housing"}')).toBe(12);
    expect(value('notify_rate_limit_per_minute{service="housing"}')).toBe(3000);
    expect(value(`open_action_items{team="${fixtureTeam.key}"}`)).toBe(2);
    expect(value(`oldest_open_action_item_age_seconds{team="${fixtureTeam.key}"}`)).toBeGreaterThanOrEqual(
      5 * 3600 - 5,
    );
    expect(value('rule_steps_last_7_days{step="escalation"}')).toBe(2);
    expect(value('rule_steps_last_7_days{step="reminder"}')).toBe(1);
  });

  it("counts API requests by route template, never by the id in the path", async () => {
    const id = "0f0e0d0c-1111-4222-8333-444455556666";
    await getHealth(new Request("http://test/api/v1/health"), noParams);
    await getNotification(new Request(`http://test/api/v1/notifications/${id}`), { params: Promise.resolve({ id }) });
    const text = await (await scrape(`Bearer ${token}`)).text();
    const samples = parseExposition(text);
    const count = (labels: string) => samples.get(`notification_centre_http_request_duration_seconds_count{${labels}}`);
    expect(count('method="GET",route="/api/v1/health",status="200"')).toBeGreaterThanOrEqual(1);
    expect(count('method="GET",route="/api/v1/notifications/[id]",status="401"')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(id);
    // The scrapes themselves are requests too.
    expect(count('method="GET",route="/metrics",status="200"')).toBeGreaterThanOrEqual(1);
  });

  it("counts the runs of scheduled work by step and outcome", async () => {
    const series = (outcome: string) =>
      `notification_centre_scheduled_step_runs_total{step="metrics test step",outcome="${outcome}"}`;
    const before = parseExposition(await (await scrape(`Bearer ${token}`)).text());
    await runSteps(database.handle.db, [
      { name: "metrics test step", run: async () => undefined },
      { name: "metrics test step", run: async () => Promise.reject(new Error("down")) },
    ]);
    const after = parseExposition(await (await scrape(`Bearer ${token}`)).text());
    expect((after.get(series("succeeded")) ?? 0) - (before.get(series("succeeded")) ?? 0)).toBe(1);
    expect((after.get(series("failed")) ?? 0) - (before.get(series("failed")) ?? 0)).toBe(1);
  });
});

describe("open streams", () => {
  it("rises as a stream subscribes to the hub and falls as it leaves", async () => {
    const { getNotificationHub } = await import("@/lib/realtime/hub");
    const open = async () =>
      parseExposition(await (await scrape(`Bearer ${token}`)).text()).get("notification_centre_open_streams") ?? 0;
    const before = await open();
    const hub = await getNotificationHub(database.handle);
    const stream = hub.subscribe("user:metrics-test", () => undefined);
    expect(await open()).toBe(before + 1);
    stream.unsubscribe();
    stream.unsubscribe();
    expect(await open()).toBe(before);
    await hub.stop();
  });
});
