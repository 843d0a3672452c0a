import { scopes, type Role, type Scope } from "@/db/schema";
import { rolePermissions } from "./permissions";

export { scopes as allScopes } from "@/db/schema";

/**
 * A person's API scopes, from their roles (lib/auth/permissions.ts). Scopes only open a door: every
 * query is still narrowed to what that person may see (their own and their teams' items; a
 * resident's own records).
 */
export function scopesForRoles(roles: readonly Role[]): Scope[] {
  return scopes.filter((scope) => roles.some((role) => rolePermissions[role].includes(scope)));
}
