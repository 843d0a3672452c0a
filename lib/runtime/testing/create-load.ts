// Steady creates through a balancer, every answer kept, so a scale-out check can tell accepted
// creates (2xx, with the id the service gave) from refused or cut ones.

/** `at`: when the answer came, in performance.now() milliseconds. */
export type CreateAnswer = { at: number; status: number; id?: string; retryAfter: string | null; ms: number };

export type CreateLoad = {
  answers: CreateAnswer[];
  /** The ids of every create answered 2xx. */
  accepted: () => string[];
  /** Resolves once `count` creates have been answered 2xx. */
  acceptedAtLeast: (count: number) => Promise<void>;
  /** Stops sending and resolves once the requests in flight have been answered. */
  stop: () => Promise<void>;
};

/** Sends creates with `concurrency` in flight until stopped; `body(n)` makes the n-th body. */
export function startCreateLoad(
  baseUrl: string,
  apiKey: string,
  body: (n: number) => Record<string, unknown>,
  { concurrency = 4, limit = Infinity } = {},
): CreateLoad {
  const answers: CreateAnswer[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  let sent = 0;
  let stopped = false;
  const accepted = () => answers.flatMap((answer) => (answer.id ? [answer.id] : []));

  const sendOne = async (n: number): Promise<void> => {
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}/api/v1/notifications`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body(n)),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const id = response.ok ? (JSON.parse(text) as { id?: string }).id : undefined;
      answers.push({
        at: performance.now(),
        status: response.status,
        id,
        retryAfter: response.headers.get("retry-after"),
        ms: performance.now() - started,
      });
    } catch {
      // The connection was cut under the request: not accepted, whatever became of it.
      answers.push({ at: performance.now(), status: 0, retryAfter: null, ms: performance.now() - started });
    }
    const last = answers.at(-1)!;
    // A refusal or a cut connection: pause as a client honouring Retry-After would, rather than spin.
    if (!last.id) await new Promise((resolve) => setTimeout(resolve, 100));
    const count = accepted().length;
    for (const wait of waiting.filter((each) => count >= each.count)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  };

  const lanes = Array.from({ length: concurrency }, async () => {
    while (!stopped && sent < limit) await sendOne(sent++);
  });
  return {
    answers,
    accepted,
    acceptedAtLeast: (count) =>
      accepted().length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
    stop: async () => {
      stopped = true;
      await Promise.all(lanes);
    },
  };
}
