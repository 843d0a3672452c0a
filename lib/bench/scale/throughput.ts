import { runLoadTest, type LoadTestResult } from "../support/load-test";
import { startRoundRobinProxy } from "@/lib/runtime/testing/round-robin-proxy";

// Throughput through the balancer with the first 1, 2 and 3 replicas: a read mix (each person's
// inbox list and counts, by session cookie) and creates, each an autocannon run.

export type ScalingRun = { replicas: number; reads: LoadTestResult; creates: LoadTestResult };

export async function measureScaling(options: {
  replicaUrls: string[];
  cookies: string[];
  apiKey: string;
  createBody: (n: number) => Record<string, unknown>;
  durationSeconds: number;
}): Promise<ScalingRun[]> {
  const runs: ScalingRun[] = [];
  for (let replicas = 1; replicas <= options.replicaUrls.length; replicas += 1) {
    const balancer = await startRoundRobinProxy(options.replicaUrls.slice(0, replicas));
    try {
      let read = 0;
      const reads = await runLoadTest({
        name: `reads, ${replicas} replica(s)`,
        baseUrl: balancer.url,
        path: "/api/v1/notifications/counts",
        connections: 16,
        durationSeconds: options.durationSeconds,
        vary: (request) => {
          read += 1;
          return {
            ...request,
            path: read % 2 === 0 ? "/api/v1/notifications?limit=20" : "/api/v1/notifications/counts",
            headers: { ...request.headers, cookie: options.cookies[read % options.cookies.length]! },
          };
        },
      });
      let created = 0;
      const creates = await runLoadTest({
        name: `creates, ${replicas} replica(s)`,
        baseUrl: balancer.url,
        path: "/api/v1/notifications",
        method: "POST",
        connections: 16,
        durationSeconds: options.durationSeconds,
        headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
        vary: (request) => ({ ...request, body: JSON.stringify(options.createBody(created++)) }),
      });
      runs.push({ replicas, reads, creates });
    } finally {
      await balancer.close();
    }
  }
  return runs;
}
