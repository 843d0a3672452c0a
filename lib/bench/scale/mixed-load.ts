// Reads beside the creates: each person's inbox list and badge counts through the balancer, with
// their session cookie, every answer's status (and Retry-After on a 503) kept for the report.

export type ReadAnswer = { at: number; status: number; retryAfter: string | null; ms: number };

export type ReadLoad = { answers: ReadAnswer[]; stop: () => Promise<void> };

export function startReadLoad(baseUrl: string, cookies: string[], { concurrency = 6 } = {}): ReadLoad {
  const answers: ReadAnswer[] = [];
  let stopped = false;
  let n = 0;
  const lanes = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const i = n++;
      const path = i % 2 === 0 ? "/api/v1/notifications?limit=20" : "/api/v1/notifications/counts";
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}${path}`, {
          headers: { cookie: cookies[i % cookies.length]! },
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        answers.push({
          at: performance.now(),
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          ms: performance.now() - started,
        });
        // A refusal says when to come back; a client that honours it does not spin.
        if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
      } catch {
        answers.push({ at: performance.now(), status: 0, retryAfter: null, ms: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return {
    answers,
    stop: async () => {
      stopped = true;
      await Promise.all(lanes);
    },
  };
}
