import { setMaxListeners } from "node:events";
import { processSingleton } from "./process-singleton";

/**
 * A process's shutdown in two halves: `begin` tells long-lived work to wind down (open streams
 * close with a retry hint, new requests are turned away with 503 so the load balancer and clients
 * go elsewhere), and `settled` resolves once the requests already in hand have finished.
 */
export class Drain {
  private readonly controller = new AbortController();
  private inFlight = 0;
  private readonly waiting = new Set<() => void>();

  constructor() {
    // Every open stream listens for the drain (one each, removed when it closes): hundreds are
    // expected, and Node's default warning at 11 would report a leak that is not one.
    setMaxListeners(0, this.controller.signal);
  }

  /** Aborted when the process starts shutting down. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get draining(): boolean {
    return this.controller.signal.aborted;
  }

  /** Counts a request as in flight; call the returned function once its handler has answered. */
  track(): () => void {
    this.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.waiting) wake();
    };
  }

  begin(): void {
    this.controller.abort();
  }

  /** Resolves true when no request is in flight, or false if `timeoutMs` passes first. */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(wake);
        resolve(false);
      }, timeoutMs);
      this.waiting.add(wake);
    });
  }
}

// One per process, so route handlers, streams and the signal handler in instrumentation share it.
const processDrain = processSingleton("drain", () => new Drain());

export function getDrain(): Drain {
  return processDrain.get();
}

/** Replaces the process's drain: tests start from one that is not shutting down. */
export function setDrain(drain: Drain | undefined): void {
  processDrain.set(drain);
}
