/**
 * Runs statements of one transaction without waiting for each answer before sending the next.
 * postgres.js writes queries issued in the same tick in one packet and the server runs them in
 * the order sent, so a later statement sees an earlier one's rows: three statements cost one round
 * trip (and one socket write, which on a busy machine is much of a statement's cost) instead of
 * three. PGlite runs them one after another as before. Pass the statements in the order they must
 * run, and only ones whose parameters do not depend on another's result.
 *
 * Waits for every statement, so none is still running when the caller rolls back, then throws
 * the first failure in order: a statement after a failed one fails too ("transaction is
 * aborted"), and the cause is the earlier one.
 */
export async function pipelined<Results extends readonly unknown[]>(
  statements: readonly [...{ [Index in keyof Results]: Promise<Results[Index]> }],
): Promise<Results> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as Results;
}
