import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { isStaff } from "@/lib/auth/roles";

/**
 * Staff and client services may read any record's history, as in the council's API. A resident
 * may read only their own person's and tenure's; anything else looks like a record with no history.
 */
export function mayReadHistory(caller: Caller, targetId: string): boolean {
  return (
    caller.kind === "client" || isStaff(caller.roles) || targetId === caller.personId || targetId === caller.tenureId
  );
}

/** As mayReadHistory, for the API: a record the caller may not read is a 404. */
export function assertMayReadHistory(caller: Caller, targetId: string): void {
  if (!mayReadHistory(caller, targetId))
    throw new ApiError("not_found", "There is no activity history for this record");
}

/** Residents read their own history through /my/history and the API; reports and exports are for staff. */
export function assertStaffOrClient(caller: Caller): void {
  if (caller.kind === "person" && !isStaff(caller.roles)) {
    throw new ApiError("forbidden", "Only staff and client services can export activity history");
  }
}
