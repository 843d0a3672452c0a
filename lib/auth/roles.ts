import type { Role } from "@/db/schema";

/** How a role reads to a person, e.g. on the demo sign-in buttons. */
export const roleLabels: Record<Role, string> = {
  "finance-officer": "Finance officer",
  "finance-manager": "Finance manager",
  "repairs-manager": "Repairs manager",
  "repairs-contractor": "Repairs contractor",
  "dlo-supervisor": "DLO supervisor",
  "rcc-supervisor": "RCC supervisor",
  "housing-officer": "Housing officer",
  admin: "Admin",
  resident: "Resident",
};

export function describeRoles(roles: readonly Role[]): string {
  return roles.map((role) => roleLabels[role]).join(", ");
}
