import type postgres from "postgres";

/** Thrown when no pooled connection frees up in time; lib/api/problem.ts answers it 503 with Retry-After. */
export class DatabaseBusyError extends Error {
  readonly code = "DATABASE_BUSY";
  constructor(waitedMs: number) {
    super(`No database connection came free within ${waitedMs} ms`);
    this.name = "DatabaseBusyError";
  }
}

/** Hands out at most `slots` at once; a caller waits at most `waitMs` for one, then gets DatabaseBusyError. */
class Slots {
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly waitMs: number,
  ) {}

  async acquire(): Promise<() => void> {
    if (this.inUse < this.slots) {
      this.inUse += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(new DatabaseBusyError(this.waitMs));
      }, this.waitMs);
      this.waiting.push(grant);
    });
    // The slot was handed over by release() without being given back, so inUse already counts it.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.inUse -= 1;
    };
  }
}

/**
 * The postgres.js client as drizzle sees it, with a bounded wait for a connection. postgres.js
 * queues a query without limit when every pooled connection is busy, so under overload requests
 * would pile up and time out at the proxy. Here each top-level query or transaction takes one of
 * `max` slots first (one per connection), and after `waitMs` without one the request fails fast
 * and is answered 503. Queries inside a transaction run on its own connection and take no slot.
 */
export function withBoundedPoolWait(client: postgres.Sql, max: number, waitMs: number): postgres.Sql {
  const slots = new Slots(max, waitMs);
  const unsafe = (query: string, parameters?: never[], options?: postgres.UnsafeQueryOptions) => {
    let asValues = false;
    const run = async () => {
      const release = await slots.acquire();
      try {
        const pending = client.unsafe(query, parameters, options);
        return await (asValues ? pending.values() : pending);
      } finally {
        release();
      }
    };
    // drizzle calls `.values()` (rows as arrays) or awaits the query directly; both are kept lazy.
    const lazy = {
      values: () => ((asValues = true), lazy),
      then: (onResolved: never, onRejected: never) => run().then(onResolved, onRejected),
    };
    return lazy;
  };
  const begin = async (...args: unknown[]) => {
    const release = await slots.acquire();
    try {
      return await (client.begin as (...inner: unknown[]) => Promise<unknown>)(...args);
    } finally {
      release();
    }
  };
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "unsafe" ? unsafe : property === "begin" ? begin : Reflect.get(target, property, receiver),
  });
}
