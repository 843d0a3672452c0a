// Browser-safe on purpose: the badges and tabs format counts with these, so this module imports nothing.

/**
 * Counts stop here: the badges show "99+" past 99, so counting further would only make a big inbox
 * (a team inbox collects hundreds of thousands of items a year) slower to badge. A count equal to
 * this means "this many or more".
 */
export const countLimit = 100;

/** A count as the badges and tabs show it: "99+" once it may be more than 99. */
export const formatCount = (count: number): string => (count >= countLimit ? `${countLimit - 1}+` : String(count));

/** A count in words for screen readers, e.g. "more than 99 unread notifications". */
export const describeCount = (count: number, one: string, many: string): string =>
  count >= countLimit ? `more than ${countLimit - 1} ${many}` : `${count} ${count === 1 ? one : many}`;

/** The count after `change`, kept at the limit once there: a capped count minus one is still "99+". */
export const adjustCount = (count: number, change: number): number =>
  count >= countLimit ? countLimit : Math.min(countLimit, Math.max(0, count + change));
