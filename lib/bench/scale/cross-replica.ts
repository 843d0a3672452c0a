import type { FollowedStream } from "@/lib/runtime/testing/follow-stream";
import { percentile } from "./statistics";

// The first check: a browser stream on replica A sees an item created through replica C.
// Each probe POSTs straight to C for a person whose stream is held open on A and times the event's
// arrival on A from the moment C answered (0 when the event beat the response).

export type CrossReplicaLatency = { samples: number; p50Ms: number; p95Ms: number; maxMs: number; missing: number };

export async function measureCrossReplica(options: {
  createUrl: string;
  apiKey: string;
  probes: { userId: string; stream: FollowedStream }[];
  count: number;
  intervalMs: number;
}): Promise<CrossReplicaLatency> {
  const latencies: number[] = [];
  let missing = 0;
  for (let i = 0; i < options.count; i += 1) {
    const { userId, stream } = options.probes[i % options.probes.length]!;
    const response = await fetch(`${options.createUrl}/api/v1/notifications`, {
      method: "POST",
      headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ notificationType: "Screen", message: `Scale probe ${i}`, recipient: { userId } }),
    });
    const answeredAt = performance.now();
    if (response.status !== 201) {
      await response.arrayBuffer();
      continue;
    }
    const { id } = (await response.json()) as { id: string };
    const deadline = answeredAt + 10_000;
    while (!stream.arrivals.has(id) && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const arrivedAt = stream.arrivals.get(id);
    if (arrivedAt === undefined) missing += 1;
    else latencies.push(Math.max(0, arrivedAt - answeredAt));
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  return {
    samples: latencies.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(0, ...latencies),
    missing,
  };
}
