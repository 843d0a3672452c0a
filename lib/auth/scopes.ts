import type { Role, Scope } from "@/db/schema";

export { scopes as allScopes } from "@/db/schema";

const staffScopes: Scope[] = ["notifications:read", "notifications:write", "activity:read", "activity:write"];

/**
 * What a signed-in person may do through the API. Scopes only open a door: every query is still
 * narrowed to what that person may see (their own and their teams' items; a resident's own records).
 */
export function scopesForRoles(roles: readonly Role[]): Scope[] {
  if (roles.includes("admin")) return [...staffScopes, "subscriptions:manage"];
  if (roles.some((role) => role !== "resident")) return staffScopes;
  if (roles.includes("resident")) return ["notifications:read", "activity:read"];
  return [];
}
