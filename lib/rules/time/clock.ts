/** Where rule code gets "now", so tests can move time by days in milliseconds. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told otherwise: `set` jumps to a time, `advance` moves it on. */
export type TestClock = Clock & { set(time: Date | string): void; advance(milliseconds: number): void };

export function createTestClock(start: Date | string): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (time) => {
      current = new Date(time).getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}
