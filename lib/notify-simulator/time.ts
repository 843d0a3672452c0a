/** Where the simulator reads the time; tests pass their own to move through status changes. */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

const microsecondsPerMillisecond = 1000;

export function toMicroseconds(milliseconds: number): number {
  return Math.round(milliseconds * microsecondsPerMillisecond);
}

/** Notify's DATETIME_FORMAT, `%Y-%m-%dT%H:%M:%S.%fZ`: always six fractional digits. */
export function formatNotifyTimestamp(microseconds: number): string {
  const milliseconds = Math.floor(microseconds / microsecondsPerMillisecond);
  const extraMicroseconds = String(microseconds % microsecondsPerMillisecond).padStart(3, "0");
  return `${new Date(milliseconds).toISOString().slice(0, -1)}${extraMicroseconds}Z`;
}

export function formatOptionalTimestamp(microseconds: number | null): string | null {
  return microseconds === null ? null : formatNotifyTimestamp(microseconds);
}
