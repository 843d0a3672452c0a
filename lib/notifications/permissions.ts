import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { holdsScopes } from "@/lib/auth/policies";

/**
 * People act on what they can see (residents only on their own items); a client service also
 * needs notifications:write to change the notifications it created.
 */
export function assertMayChangeNotifications(caller: Caller): void {
  if (caller.kind === "client" && !holdsScopes(caller, ["notifications:write"])) {
    throw new ApiError("forbidden", "This needs the notifications:write scope");
  }
}
