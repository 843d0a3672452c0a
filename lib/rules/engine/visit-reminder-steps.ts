/**
 * A visit reminder's step key in rule_steps: the offset, the visit's start (and, for the officer,
 * who the officer is). A reschedule or a change of officer makes a different key, so the new time
 * gets reminders of its own and the old time's are never sent; the key of a visit as it now is
 * tells which already-made reminders still stand (lib/visits/cancel-visit-reminders.ts).
 */
export function visitReminderStep(offset: string, startsAt: Date, officerUserId: string | null): string {
  const base = `${offset}@${startsAt.toISOString()}`;
  return officerUserId ? `${base}@${officerUserId}` : base;
}

/** Whether a step made for a visit still fits it as it now is (same start, same officer). */
export function stepStillStands(step: string, visit: { startsAt: Date; officerUserId: string }): boolean {
  const [offset, , officer] = step.split("@");
  return step === visitReminderStep(offset!, visit.startsAt, officer ? visit.officerUserId : null);
}
