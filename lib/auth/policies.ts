import { activityTargetTypes, type ActionType, type Scope } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller, PersonCaller } from "./caller";
import {
  directoryHistoryTypes,
  hasPermission,
  historyTypesCovered,
  stalledTypesCovered,
  scopesGranting,
  type Permission,
} from "./permissions";

/**
 * Who may do what, by name, for route handlers, pages and server actions alike. A policy is a
 * predicate over the caller and the facts of one record; what each role or scope may do is the
 * table in ./permissions.ts, so the policies read as rules, not as lists of roles.
 *
 * One answer per kind of refusal:
 * - no identity: 401 from the API (resolveCaller); a page sends the person to /signin (requirePerson).
 * - "capability" (the wrong role or scope): 403 forbidden; a page or server action shows
 *   app/forbidden.tsx, "You do not have access to this page".
 * - "record" (someone else's record): 404 not_found, exactly as for an id that does not exist, so
 *   ids leak nothing; a page shows app/not-found.tsx.
 * Check the record before the capability, so someone else's record is a 404 whatever the caller's role.
 *
 * The API enforces a policy with `authorize`; pages and server actions with `authorizePage`
 * (lib/next-bridge/authorize-page.ts), which turns the same refusal into forbidden() or notFound().
 */

export type Refusal = "capability" | "record";
export const refusalCodes = { capability: "forbidden", record: "not_found" } as const;

export type Policy<Args extends unknown[] = []> = ((caller: Caller, ...args: Args) => boolean) & {
  readonly refusal: Refusal;
  /** What a refused caller is told (the problem's `detail`). */
  readonly explain: (caller: Caller, ...args: Args) => string;
};

function policy<Args extends unknown[] = []>(
  refusal: Refusal,
  explain: string | ((caller: Caller, ...args: Args) => string),
  allows: (caller: Caller, ...args: Args) => boolean,
): Policy<Args> {
  return Object.assign(allows, { refusal, explain: typeof explain === "string" ? () => explain : explain });
}

/** Throws the policy's refusal as an ApiError (403 or 404) unless it allows the caller. */
export function authorize<Args extends unknown[]>(caller: Caller, rule: Policy<Args>, ...args: Args): void {
  if (!rule(caller, ...args)) throw new ApiError(refusalCodes[rule.refusal], rule.explain(caller, ...args));
}

// A client service is told which scope it lacks; a person, in words.
function explainLacking(caller: Caller, permission: Permission, toPeople: string): string {
  return caller.kind === "client" ? `This needs the ${scopesGranting(permission).join(" or ")} scope` : toPeople;
}

/** The door every API route opens with (withAuth): the caller holds each of these scopes. */
export const holdsScopes = policy<[required: readonly Scope[]]>(
  "capability",
  (caller, required) => {
    const missing = required.filter((scope) => !caller.scopes.includes(scope));
    const scopes = `the ${missing.join(", ")} scope${missing.length > 1 ? "s" : ""}`;
    // People's scopes come from their roles: what they lack is for client services (see permissions.ts).
    return caller.kind === "client" ? `This needs ${scopes}` : `This is for API clients with ${scopes}`;
  },
  (caller, required) => required.every((scope) => caller.scopes.includes(scope)),
);

/** Narrows the caller to a person; a client service gets a 403 that says why (`detail`). */
export function assertPerson(caller: Caller, detail: string): asserts caller is PersonCaller {
  if (caller.kind !== "person") throw new ApiError(refusalCodes.capability, detail);
}

/** A person who works for the council: any role but resident. */
export const isStaff = policy(
  "capability",
  "This is for council staff",
  (caller) => caller.kind === "person" && caller.roles.some((role) => role !== "resident"),
);

/** Manages API clients and reads the outbox. */
export const mayAdminister = policy("capability", "Only administrators can do this", (caller) =>
  hasPermission(caller, "administer"),
);

/**
 * Sends a failed email, text or letter again, as a new delivery: administrators, who alone read the
 * outbox where failures show. No client scope grants it: the calling service sends a new notification.
 */
export const mayResendDelivery = policy("capability", "Only administrators can resend a failed message", (caller) =>
  hasPermission(caller, "administer"),
);

/** How a caller stands to one notification, as the database found it. */
export type NotificationAccess = { createdByClientId: string | null; holdsReceipt: boolean };

/** A person reads a notification through their own copy (their own and their teams' items); a client, what it created. */
export const mayReadNotification = policy<[notification: NotificationAccess]>(
  "record",
  "No notification with this id is visible to you",
  (caller, notification) =>
    caller.kind === "person" ? notification.holdsReceipt : notification.createdByClientId === caller.id,
);

const permissionToRecord = (actionType: ActionType): Permission =>
  actionType === "IsRead" ? "notifications:mark-read" : "notifications:act";

/** Records an action on a notification the caller can read: IsRead, or a decision (Approved, Rejected …). */
export const mayActOnNotification = policy<[actionType: ActionType]>(
  "capability",
  (caller, actionType) =>
    explainLacking(
      caller,
      permissionToRecord(actionType),
      "Residents can mark notifications as read; other actions are for staff",
    ),
  (caller, actionType) => hasPermission(caller, permissionToRecord(actionType)),
);

/**
 * A service's IsRead (PATCH) marks read the copies of the notification's recipients: one person it
 * names (onBehalfOf) or, naming nobody, every recipient. For client services that may record IsRead
 * (notifications:mark-read, from notifications:write), on the notifications they created (mayReadNotification).
 * A person marks only their own copy, so naming someone else is refused.
 */
export const mayMarkReadForRecipients = policy(
  "capability",
  (caller) =>
    explainLacking(
      caller,
      "notifications:mark-read",
      "A person marks only their own copy read: onBehalfOf is for client services",
    ),
  (caller) => caller.kind === "client" && hasPermission(caller, "notifications:mark-read"),
);

/**
 * Deletes, for everyone, a notification the caller can read: the client that created it, or an
 * admin. Anyone else who sees it removes it from their own inbox by archiving it; a team member
 * deleting would take it from the whole team (and from its creator).
 */
export const mayDeleteNotification = policy(
  "capability",
  (caller) =>
    explainLacking(
      caller,
      "notifications:delete",
      "Only the service that sent a notification, or an administrator, can delete it: archive it to remove it from your inbox",
    ),
  (caller) => hasPermission(caller, "notifications:delete"),
);

/** Cancels a notification's unsent emails, texts and letters: as for deleting, its creating client or an admin. */
export const mayCancelNotification = policy(
  "capability",
  (caller) =>
    explainLacking(
      caller,
      "notifications:delete",
      "Only the service that sent a notification, or an administrator, can cancel its messages",
    ),
  (caller) => hasPermission(caller, "notifications:delete"),
);

/**
 * The record whose activity history is asked for: its type and id and, for a notification, how the
 * caller stands to it (null when there is no such notification).
 */
export type HistoryRecord = { targetType: string; targetId: string; notification?: NotificationAccess | null };

/**
 * History of a record only for those who may read the record. A notification's: exactly those who
 * may read the notification (mayReadNotification). A resident's records: staff whose work covers
 * that type of record (historyCoverage), client services with activity:read, and the resident for
 * their own person and tenure. Admins read everything. Anything else looks like a record with no
 * history. lib/activity/readable-history.ts asks the same of every row in SQL, for lists and exports.
 */
export const mayReadHistory = policy<[record: HistoryRecord]>(
  "record",
  "There is no activity history for this record",
  (caller, record) => {
    if (hasPermission(caller, "history:read-any")) return true;
    if (record.targetType === "notification")
      return record.notification ? mayReadNotification(caller, record.notification) : false;
    // A type the service does not know is for history:read-any alone.
    if (!activityTargetTypes.some((type) => type === record.targetType)) return false;
    return (
      historyTypesCovered(caller).some((type) => type === record.targetType) ||
      (caller.kind === "person" &&
        !directoryHistoryTypes.some((type) => type === record.targetType) &&
        (record.targetId === caller.personId || caller.tenureIds.includes(record.targetId)))
    );
  },
);

/** How a caller stands to one document: whether they may read the notification it belongs to. */
export type DocumentAccess = { notificationReadable: boolean };

/** A letter or attachment, for whoever may read its notification, and for admins (the outbox links them all). */
export const maySeeDocument = policy<[document: DocumentAccess]>(
  "record",
  "No document with this id",
  (caller, document) => document.notificationReadable || hasPermission(caller, "documents:read-any"),
);

/** Adds, edits, disables and imports people and teams: admins, and clients holding directory:manage. */
export const mayManageDirectory = policy(
  "capability",
  (caller) => explainLacking(caller, "directory:manage", "Only administrators can manage people and teams"),
  (caller) => hasPermission(caller, "directory:manage"),
);

/** Erases a person's details, or exports everything held about them: administrators, and clients keeping the directory. */
export const mayManagePersonalData = policy(
  "capability",
  (caller) => explainLacking(caller, "personal-data:manage", "Only administrators can erase or export a person's data"),
  (caller) => hasPermission(caller, "personal-data:manage"),
);

/** Reads, adds, changes and deletes the rules the centre runs on its own: admins, and clients holding rules:manage. */
export const mayManageRules = policy(
  "capability",
  (caller) => explainLacking(caller, "rules:manage", "Only administrators can manage rules"),
  (caller) => hasPermission(caller, "rules:manage"),
);

/** Lists visits: housing and repairs staff, admins, and clients holding visits:manage. */
export const mayReadVisits = policy(
  "capability",
  (caller) => explainLacking(caller, "visits:read", "Visits are for housing and repairs staff"),
  (caller) => hasPermission(caller, "visits:read"),
);

/** How a caller stands to one visit: who is booked to make it. */
export type VisitAccess = { officerUserId: string };

/** One visit: whoever may list visits, and the officer booked to make it. Anyone else: as if there were none. */
export const mayReadVisit = policy<[visit: VisitAccess]>(
  "record",
  "No visit with this id",
  (caller, visit) =>
    hasPermission(caller, "visits:read") || (caller.kind === "person" && caller.id === visit.officerUserId),
);

/** Books, reschedules and cancels visits: admins, and clients holding visits:manage. */
export const mayManageVisits = policy(
  "capability",
  (caller) => explainLacking(caller, "visits:manage", "Only administrators can book, move or cancel visits here"),
  (caller) => hasPermission(caller, "visits:manage"),
);

/** The work tray's Stalled view: staff whose work covers the history of some kind of record; residents never. */
export const maySeeStalled = policy(
  "capability",
  "The Stalled view lists records of the kinds your work covers, and yours covers none",
  (caller) => stalledTypesCovered(caller).length > 0,
);

/**
 * Subscriptions (issue 13) belong to API clients: a client holding subscriptions:manage manages its
 * own. People have no subscriptions of their own; administrators see every client's at
 * /admin/subscriptions instead.
 */
export const mayManageSubscriptions = policy(
  "capability",
  (caller) =>
    caller.kind === "client"
      ? "This needs the subscriptions:manage scope"
      : "Subscriptions belong to API clients; administrators see them all at /admin/subscriptions",
  (caller) => caller.kind === "client" && hasPermission(caller, "subscriptions:manage"),
);

/**
 * Every client's subscriptions at /admin/subscriptions: their messages and attempts, replay of
 * failed messages, disable and enable, and test events. Administrators only.
 */
export const mayAdministerSubscriptions = policy(
  "capability",
  "Only administrators can see and change every client's subscriptions",
  (caller) => hasPermission(caller, "administer"),
);

/** How a caller stands to one subscription: which client made it. */
export type SubscriptionAccess = { clientId: string };

/** One subscription: the client that made it. Another client's is as if there were none. */
export const mayReadSubscription = policy<[subscription: SubscriptionAccess]>(
  "record",
  "No subscription with this id",
  (caller, subscription) => caller.kind === "client" && caller.id === subscription.clientId,
);

/** The event-type catalogue: for those who manage subscriptions, administrators included. */
export const mayReadEventTypes = policy(
  "capability",
  (caller) => explainLacking(caller, "subscriptions:manage", "The event types are for those who manage subscriptions"),
  (caller) => hasPermission(caller, "subscriptions:manage"),
);
