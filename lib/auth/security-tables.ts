import type { MarkedBlock } from "@/lib/docs/readme-block";
import { activityTargetTypes, roles, scopes } from "@/db/schema";
import {
  capabilities,
  capabilityDescriptions,
  historyCoverage,
  rolePermissions,
  scopeDescriptions,
  scopeHistoryCoverage,
  scopePermissions,
  type Permission,
} from "./permissions";
import { roleDescriptions } from "./roles";

// The README's security tables, written from lib/auth/permissions.ts so the two cannot drift:
// `npm run docs:security` rewrites them, and security-tables.test.ts fails when they are out of date.

export const tablesStart = "<!-- security:start -->";
export const tablesEnd = "<!-- security:end -->";

const code = (names: readonly string[]) => (names.length > 0 ? names.map((name) => `\`${name}\``).join(", ") : "–");
const isScope = (permission: Permission) => (scopes as readonly string[]).includes(permission);

function rolesTable(): string[] {
  return [
    "| role | who and what for | API scopes | may also |",
    "| --- | --- | --- | --- |",
    ...roles.map((role) => {
      const permissions = rolePermissions[role];
      const roleScopes = scopes.filter((scope) => permissions.includes(scope));
      const extra = capabilities.filter((capability) => permissions.includes(capability));
      return `| \`${role}\` | ${roleDescriptions[role]} | ${code(roleScopes)} | ${code(extra)} |`;
    }),
  ];
}

function scopesTable(): string[] {
  return [
    "| scope | lets a client service | may also |",
    "| --- | --- | --- |",
    ...scopes.map((scope) => {
      const extra = scopePermissions[scope].filter((permission) => !isScope(permission));
      return `| \`${scope}\` | ${scopeDescriptions[scope]} | ${code(extra)} |`;
    }),
  ];
}

function capabilitiesTable(): string[] {
  return [
    "| capability | lets its holder |",
    "| --- | --- |",
    ...capabilities.map((capability) => `| \`${capability}\` | ${capabilityDescriptions[capability]} |`),
  ];
}

function historyTable(): string[] {
  const describe = (list: readonly string[]) => {
    const missing = activityTargetTypes.filter((type) => !list.includes(type));
    if (missing.length === 0) return "every type, notifications included";
    if (missing.length <= 3) return `every type but ${code(missing).replace(/, ([^,]*)$/, " or $1")}`;
    return code(activityTargetTypes.filter((type) => list.includes(type)));
  };
  return [
    "| caller | reads the history of these record types, whoever they are about |",
    "| --- | --- |",
    ...roles.map((role) =>
      role === "resident"
        ? `| \`${role}\` | none: their own person's and tenure's records only |`
        : `| \`${role}\` | ${describe(historyCoverage[role])} |`,
    ),
    ...scopes
      .filter((scope) => scopeHistoryCoverage[scope].length > 0)
      .map((scope) => `| a client service with \`${scope}\` | ${describe(scopeHistoryCoverage[scope])} |`),
  ];
}

/** The tables, markers included. */
export function renderSecurityTables(): string {
  return [
    tablesStart,
    "<!-- Written by `npm run docs:security` from lib/auth/permissions.ts and roles.ts: edit them there. -->",
    "",
    "**What each role may do** (a person with several roles may do what any of them may):",
    "",
    ...rolesTable(),
    "",
    "**What each scope gives a client service** (an admin ticks them when issuing its key):",
    "",
    ...scopesTable(),
    "",
    "**What the capabilities mean:**",
    "",
    ...capabilitiesTable(),
    "",
    "**Whose history each caller reads** (`historyCoverage`; a notification's history follows the notification):",
    "",
    ...historyTable(),
    "",
    tablesEnd,
  ].join("\n");
}

/** The README's block this module writes (lib/docs/readme-block.ts). */
export const securityTables: MarkedBlock = { start: tablesStart, end: tablesEnd, render: renderSecurityTables };
