import { ApiError, type FieldError } from "@/lib/api/errors";
import { getSettings } from "@/lib/config/settings";

const DAY_MS = 24 * 60 * 60 * 1000;
// Senders' clocks drift; a few minutes ahead of ours is a clock, not a claim about the future.
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The times a posted activity may claim: maxBackdateDays before `now` up to five minutes after it. */
export type ActivityTimeWindow = { now: Date; maxBackdateDays: number };

/** The window as of this moment, with the configured ACTIVITY_MAX_BACKDATE_DAYS. */
export function currentActivityTimeWindow(): ActivityTimeWindow {
  return { now: new Date(), maxBackdateDays: getSettings().activity.maxBackdateDays };
}

/**
 * Throws one 400 naming every time outside the window by its path (`createdAt`, `3.createdAt`,
 * `dateTime`). A caller may date an activity, within limits, but not rewrite the past or the future:
 * recordedAt shows the real time beside it either way.
 */
export function refuseTimesOutsideWindow(
  times: { path: string; value: string | undefined }[],
  window: ActivityTimeWindow,
): void {
  const earliest = window.now.getTime() - window.maxBackdateDays * DAY_MS;
  const latest = window.now.getTime() + FUTURE_TOLERANCE_MS;
  const errors: FieldError[] = [];
  for (const { path, value } of times) {
    if (value === undefined) continue;
    const time = Date.parse(value);
    if (time > latest) errors.push({ path, message: "Must not be more than 5 minutes in the future" });
    else if (time < earliest) {
      errors.push({ path, message: `Must not be more than ${window.maxBackdateDays} days in the past` });
    }
  }
  if (errors.length > 0) {
    throw new ApiError("bad_request", "An activity's time must be recent: not in the future, not long past", {
      errors,
    });
  }
}
