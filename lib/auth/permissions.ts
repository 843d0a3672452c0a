import { activityTargetTypes, type ActivityTargetType, type Role, type Scope } from "@/db/schema";
import type { Caller } from "./caller";

/**
 * What a caller may do beyond opening an API door. The API scopes (db/schema) are permissions too:
 * a person gets theirs from this table, a client service is issued them with its key.
 */
export const capabilities = [
  "notifications:act",
  "notifications:mark-read",
  "notifications:delete",
  "history:read-any",
  "documents:read-any",
  "personal-data:manage",
  "visits:read",
  "administer",
] as const;
export type Capability = (typeof capabilities)[number];
export type Permission = Scope | Capability;

/** What each capability lets its holder do, as the README's security tables say it. */
export const capabilityDescriptions: Record<Capability, string> = {
  "notifications:act": "record Approved, Rejected, Validate or Initiated on a notification they can see",
  "notifications:mark-read": 'record IsRead, the audited "I have read this", on a notification they can see',
  "notifications:delete":
    "soft-delete, for everyone, a notification they can see that no longer needs an action (anyone else archives their own copy)",
  "history:read-any":
    "read every record's activity history, a notification's included; without it, the record types their work covers, the notifications they may read and a resident's own records",
  "documents:read-any":
    "open every letter and attachment, not only those of notifications they can see (the outbox links them)",
  "personal-data:manage":
    "erase a person's details everywhere they appear, and export everything held about them (subject access)",
  "visits:read":
    "read every booked or cancelled visit to a resident (the officer booked for a visit reads that visit without it)",
  administer: "issue and revoke API keys, read the outbox and resend failed messages",
};

// People get what the browser UI uses: read their inbox (and the history API door), act on their
// items and mark them read. Creating notifications, batches, writing history and exports are for
// API clients issued those scopes.
const staff: readonly Permission[] = [
  "notifications:read",
  "activity:read",
  "notifications:act",
  "notifications:mark-read",
];

// Housing and repairs work covers residents' properties, so their staff read the visits booked there.
// The council has no patches in the directory yet: their work covers every property, as their
// activity-history coverage covers every asset (historyCoverage below).
const staffWhoVisit: readonly Permission[] = [...staff, "visits:read"];

/** What each role may do. A person holding several roles may do what any of them may. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  "finance-officer": staff,
  "finance-manager": staff,
  "repairs-manager": staffWhoVisit,
  "repairs-contractor": staff,
  "dlo-supervisor": staffWhoVisit,
  "rcc-supervisor": staffWhoVisit,
  "housing-officer": staffWhoVisit,
  // No page links the CSV export, so admins are not given it either.
  admin: [
    ...staff,
    "subscriptions:manage",
    "directory:manage",
    "rules:manage",
    "documents:read-any",
    "history:read-any",
    "notifications:delete",
    "personal-data:manage",
    "visits:manage",
    "visits:read",
    "administer",
  ],
  resident: ["notifications:read", "activity:read", "notifications:mark-read"],
};

/** What each scope lets a client service do, besides calling the routes that need that scope. */
export const scopePermissions: Record<Scope, readonly Permission[]> = {
  "notifications:read": ["notifications:read"],
  "notifications:write": [
    "notifications:write",
    "notifications:act",
    "notifications:mark-read",
    "notifications:delete",
  ],
  "activity:read": ["activity:read"],
  "activity:write": ["activity:write"],
  "activity:export": ["activity:export"],
  "subscriptions:manage": ["subscriptions:manage"],
  "directory:manage": ["directory:manage", "personal-data:manage"],
  "rules:manage": ["rules:manage"],
  "visits:manage": ["visits:manage", "visits:read"],
};

/**
 * The directory's own changes (a sign-in account's contact details, roles and teams; a team's members
 * and managers): for admins and clients that keep the directory, never covered by `person`, and not
 * a person's "own record" either.
 */
export const directoryHistoryTypes: readonly ActivityTargetType[] = ["directoryPerson", "directoryTeam"];

const tenancy: readonly ActivityTargetType[] = ["tenure", "tenurePerson", "person", "asset", "contactDetails"];

/**
 * Whose history staff read: the record types their work covers, whoever the record is about.
 * A tenure's household (tenurePerson) goes with the tenure. A notification's history is never
 * covered by type: it follows mayReadNotification (lib/auth/policies.ts), except for admins.
 */
export const historyCoverage: Record<Role, readonly ActivityTargetType[]> = {
  "finance-officer": tenancy,
  "finance-manager": tenancy,
  "housing-officer": [...tenancy, "process"],
  "repairs-manager": ["asset", "workOrder", "contract"],
  "dlo-supervisor": ["asset", "workOrder", "contract"],
  // The contact centre takes residents' calls about repairs.
  "rcc-supervisor": ["asset", "workOrder", "person", "contactDetails"],
  // External: the work orders it is sent, nothing about residents or their tenancies.
  "repairs-contractor": ["workOrder"],
  // Every type (history:read-any).
  admin: activityTargetTypes,
  // Only their own person's and tenure's (mayReadHistory).
  resident: [],
};

/**
 * The council's own records: every history type but notifications (the centre's items, which
 * escalate rather than stall), rules (the service's own configuration) and the directory's changes
 * (colleagues' contact details). What activity:read reaches and what the Stalled view can list.
 */
const councilRecordTypes: readonly ActivityTargetType[] = activityTargetTypes.filter(
  (type) => type !== "notification" && type !== "rule" && !directoryHistoryTypes.includes(type),
);

/**
 * Client services with activity:read read any record's history, as in the council's API, but the
 * directory's own (directory:manage) and a notification's only if they created it.
 */
export const scopeHistoryCoverage: Record<Scope, readonly ActivityTargetType[]> = {
  "notifications:read": [],
  "notifications:write": [],
  "activity:read": councilRecordTypes,
  "activity:write": [],
  "activity:export": [],
  "subscriptions:manage": [],
  "directory:manage": directoryHistoryTypes,
  "rules:manage": [],
  "visits:manage": [],
};

/** The record types whose history this caller reads whoever the record is about, in the schema's order. */
export function historyTypesCovered(caller: Caller): ActivityTargetType[] {
  const lists =
    caller.kind === "person"
      ? caller.roles.map((role) => historyCoverage[role])
      : caller.scopes.map((scope) => scopeHistoryCoverage[scope]);
  return activityTargetTypes.filter((type) => lists.some((list) => list.includes(type)));
}

/** The record types whose quiet spells this caller's Stalled view lists: the council records whose history they cover. */
export function stalledTypesCovered(caller: Caller): ActivityTargetType[] {
  return historyTypesCovered(caller).filter((type) => councilRecordTypes.includes(type));
}

/** What each scope is for, as the admin page offers it and the API documentation lists it. */
export const scopeDescriptions: Record<Scope, string> = {
  "notifications:read": "Read the notifications it created, their deliveries, letters and Notify statuses",
  "notifications:write": "Create notifications and batches; act on and delete the notifications it created",
  "activity:read":
    "Read activity history: any record's but the directory's own changes, and a notification's only if it created the notification",
  "activity:write": "Record activity history and platform entity events, authored by this client",
  "activity:export": "Export activity history as CSV: bulk personal data, limited to what activity:read reads",
  "subscriptions:manage":
    "Subscribe to event types (webhook or email), and read, extend, delete and rotate the secret of its own subscriptions",
  "directory:manage":
    "Keep the directory: add, edit, disable and import people and teams, and read the history of those changes",
  "rules:manage": "Read, add, change, enable, disable and delete the rules the centre runs on its own",
  "visits:manage": "Book, reschedule, cancel and read officers' visits to residents",
};

export function hasPermission(caller: Caller, permission: Permission): boolean {
  if (caller.kind === "person") return caller.roles.some((role) => rolePermissions[role].includes(permission));
  return caller.scopes.some((scope) => scopePermissions[scope].includes(permission));
}

/** The scopes that give a client service this permission, to name in a refusal. */
export function scopesGranting(permission: Permission): Scope[] {
  return (Object.keys(scopePermissions) as Scope[]).filter((scope) => scopePermissions[scope].includes(permission));
}
