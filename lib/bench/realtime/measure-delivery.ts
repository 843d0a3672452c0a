import { progress } from "../support/progress";
import { arrivalKey, type EventConnections } from "./event-connections";

export type Distribution = { samples: number; p50Ms: number; p95Ms: number; maxMs: number };

/** Nearest-rank percentiles. */
export function distributionOf(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
  return { samples: sorted.length, p50Ms: rank(0.5), p95Ms: rank(0.95), maxMs: sorted.at(-1) ?? Number.NaN };
}

export type DeliveryTarget = { baseUrl: string; apiKey: string; connections: EventConnections };

export type DirectDelivery = {
  /** The POST's own round trip: the baseline. */
  post: Distribution;
  /** From the POST's response arriving to the event reaching the recipient's stream (0 when the event came first). */
  afterResponse: Distribution;
  /** From sending the POST to the event reaching the stream. */
  afterSend: Distribution;
  /** Events that beat their own POST response. */
  beforeResponse: number;
  missed: number;
  failedPosts: number;
  ratePerSecond: number;
};

type Sent = { notificationId: string; recipients: string[]; sentAt: number; answeredAt: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postNotification(
  target: DeliveryTarget,
  recipient: Record<string, string>,
): Promise<Omit<Sent, "recipients"> | null> {
  const sentAt = performance.now();
  const response = await fetch(`${target.baseUrl}/api/v1/notifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ notificationType: "Screen", message: "Realtime bench", recipient }),
  });
  const body = (await response.json()) as { id?: string };
  const answeredAt = performance.now();
  return response.status === 201 && body.id ? { notificationId: body.id, sentAt, answeredAt } : null;
}

/** Waits until every expected arrival is in, or the deadline passes. */
async function awaitArrivals(connections: EventConnections, keys: string[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && keys.some((key) => !connections.arrivals.has(key))) await sleep(20);
}

/** One notification per POST to one person, sent open-loop at a steady rate (not waiting for answers). */
export async function measureDirectDelivery(
  target: DeliveryTarget,
  recipients: string[],
  ratePerSecond: number,
): Promise<DirectDelivery> {
  progress(`direct delivery: ${recipients.length} POSTs at ${ratePerSecond}/s, one person each`);
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  const pending: Promise<Sent | null>[] = [];
  for (const [index, userId] of recipients.entries()) {
    const due = start + index * interval;
    if (due > performance.now()) await sleep(due - performance.now());
    pending.push(postNotification(target, { userId }).then((sent) => sent && { ...sent, recipients: [userId] }));
  }
  const sent = (await Promise.all(pending)).filter((entry): entry is Sent => entry !== null);
  await awaitArrivals(
    target.connections,
    sent.map((entry) => arrivalKey(entry.notificationId, entry.recipients[0]!)),
    5_000,
  );

  const afterResponse: number[] = [];
  const afterSend: number[] = [];
  let beforeResponse = 0;
  for (const entry of sent) {
    const arrivedAt = target.connections.arrivals.get(arrivalKey(entry.notificationId, entry.recipients[0]!));
    if (arrivedAt === undefined) continue;
    if (arrivedAt < entry.answeredAt) beforeResponse += 1;
    afterResponse.push(Math.max(0, arrivedAt - entry.answeredAt));
    afterSend.push(arrivedAt - entry.sentAt);
  }
  return {
    post: distributionOf(sent.map((entry) => entry.answeredAt - entry.sentAt)),
    afterResponse: distributionOf(afterResponse),
    afterSend: distributionOf(afterSend),
    beforeResponse,
    missed: sent.length - afterResponse.length,
    failedPosts: recipients.length - sent.length,
    ratePerSecond,
  };
}

export type TeamDelivery = {
  runs: number;
  members: number;
  afterResponse: Distribution;
  lastArrival: Distribution;
  missed: number;
};

/** Notifications to a whole team, one at a time: how long until every member's stream has it. */
export async function measureTeamDelivery(
  target: DeliveryTarget,
  team: string,
  members: string[],
  runs: number,
): Promise<TeamDelivery> {
  progress(`team delivery: ${runs} notifications to team ${team} (${members.length} open streams)`);
  const perConnection: number[] = [];
  const lastArrival: number[] = [];
  let missed = 0;
  for (let run = 0; run < runs; run++) {
    const sent = await postNotification(target, { team });
    if (!sent) throw new Error("POST to the bench team failed");
    const keys = members.map((userId) => arrivalKey(sent.notificationId, userId));
    await awaitArrivals(target.connections, keys, 10_000);
    const arrivals = keys
      .map((key) => target.connections.arrivals.get(key))
      .filter((at): at is number => at !== undefined);
    missed += keys.length - arrivals.length;
    perConnection.push(...arrivals.map((at) => Math.max(0, at - sent.answeredAt)));
    lastArrival.push(Math.max(0, ...arrivals.map((at) => at - sent.answeredAt)));
    await sleep(1_000);
  }
  return {
    runs,
    members: members.length,
    afterResponse: distributionOf(perConnection),
    lastArrival: distributionOf(lastArrival),
    missed,
  };
}

/** Sequential GET /api/v1/me round trips with the API key: what the server answers in when nothing else is asked. */
export async function measureMe(baseUrl: string, apiKey: string, requests: number): Promise<Distribution> {
  progress(`baseline: ${requests} sequential GET /api/v1/me`);
  const times: number[] = [];
  for (let index = 0; index < requests; index++) {
    const sentAt = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });
    await response.arrayBuffer();
    if (response.status === 200) times.push(performance.now() - sentAt);
  }
  return distributionOf(times);
}
