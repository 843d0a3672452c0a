// One value per process, however many copies of a module are loaded. Next.js gives instrumentation
// and route handlers separate module graphs, and `next dev` reloads modules, so a module-level
// variable would open a second PGlite on the same folder or start a second simulator. The value
// lives on globalThis under a registered symbol instead, which every copy of a module finds.

type Slot<T> = { value: T; resolved?: { value: Awaited<T> } };

export type ProcessSingleton<T> = {
  /** The value, created on first use. A promise that rejects is forgotten, so the next call tries again. */
  get(): T;
  /** The value if it has been created (or set), without creating it. */
  peek(): T | undefined;
  /** What a promise value resolved to, once it has; the value itself when it is not a promise. */
  resolved(): Awaited<T> | undefined;
  /** Replaces the value (tests point the process at their own resources); undefined forgets it. */
  set(value: T | undefined): void;
  /** Forgets the value and hands it back, for the caller to close. */
  take(): T | undefined;
};

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

/** `key` names the value across module copies: give each singleton its own. */
export function processSingleton<T>(key: string, create: () => T): ProcessSingleton<T> {
  const symbol = Symbol.for(`notification-centre:${key}`);
  const store = globalThis as typeof globalThis & Record<symbol, Slot<T> | undefined>;

  const install = (value: T): Slot<T> => {
    const slot: Slot<T> = { value };
    store[symbol] = slot;
    if (isPromiseLike(value)) {
      value.then(
        (resolved) => {
          slot.resolved = { value: resolved as Awaited<T> };
        },
        () => {
          if (store[symbol] === slot) store[symbol] = undefined;
        },
      );
    } else {
      slot.resolved = { value: value as Awaited<T> };
    }
    return slot;
  };

  return {
    get: () => (store[symbol] ?? install(create())).value,
    peek: () => store[symbol]?.value,
    resolved: () => store[symbol]?.resolved?.value,
    set: (value) => {
      if (value === undefined) store[symbol] = undefined;
      else install(value);
    },
    take: () => {
      const slot = store[symbol];
      store[symbol] = undefined;
      return slot?.value;
    },
  };
}
