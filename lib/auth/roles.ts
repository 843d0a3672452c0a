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

/** Who holds each role and what it is for, as the README's security model describes them. */
export const roleDescriptions: Record<Role, string> = {
  "finance-officer": "Income services: rent accounts, arrears and suspense transfers; acts on the finance team's items",
  "finance-manager": "Leads the finance team; approves what needs a manager, such as estimates",
  "repairs-manager": "Runs repairs: work orders, estimates and contracts",
  "repairs-contractor": "An external contractor's staff: the work orders they are sent, nothing about residents",
  "dlo-supervisor": "The Direct Labour Organisation, the council's own repair teams",
  "rcc-supervisor": "The Repairs Contact Centre, which takes residents' calls about repairs",
  "housing-officer": "Manages tenancies: tenures, households and their processes",
  admin: "Runs the service: API clients, the outbox, every record's history",
  resident: "A council tenant: their own inbox and their own person's and tenure's history",
};

export function describeRoles(roles: readonly Role[]): string {
  return roles.map((role) => roleLabels[role]).join(", ");
}
