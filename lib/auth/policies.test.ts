import { describe, expect, it } from "vitest";
import { activityTargetTypes, roles, type Role, type Scope } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller, ClientCaller, PersonCaller } from "./caller";
import { historyTypesCovered, stalledTypesCovered } from "./permissions";
import {
  assertPerson,
  authorize,
  holdsScopes,
  isStaff,
  mayActOnNotification,
  mayAdminister,
  mayDeleteNotification,
  mayCancelNotification,
  mayManageDirectory,
  maySeeStalled,
  mayManageRules,
  mayManageVisits,
  mayMarkReadForRecipients,
  mayReadHistory,
  mayReadNotification,
  maySeeDocument,
  mayReadVisit,
  mayReadVisits,
  type HistoryRecord,
  type NotificationAccess,
} from "./policies";
import { scopesForRoles } from "./scopes";

const ownPerson = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01";
const ownTenure = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01";
const someoneElsesTenure = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b02";

const person = (role: Role, extra: Partial<PersonCaller> = {}): PersonCaller => ({
  kind: "person",
  id: `user-${role}`,
  name: role,
  email: `${role}@council.example`,
  roles: [role],
  teams: [],
  personId: null,
  tenureIds: [],
  scopes: scopesForRoles([role]),
  ...extra,
});
const client = (id: string, scopes: Scope[]): ClientCaller => ({ kind: "client", id, name: id, scopes });

const officer = person("finance-officer");
const admin = person("admin");
const resident = person("resident", { personId: ownPerson, tenureIds: [ownTenure] });
const writer = client("writer", ["notifications:read", "notifications:write", "activity:read"]);
const reader = client("reader", ["notifications:read"]);

function refusal(run: () => void): { status: number; detail: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, detail: error.message };
  }
}

describe("the role → permission table", () => {
  // People get the API doors the browser UI uses; writing, batches and exports are for client services.
  it.each([
    ...roles.filter((role) => role !== "admin").map((role) => [role, ["notifications:read", "activity:read"]] as const),
    [
      "admin",
      [
        "notifications:read",
        "activity:read",
        "subscriptions:manage",
        "directory:manage",
        "rules:manage",
        "visits:manage",
      ],
    ],
  ] as const)("gives a %s the scopes %j", (role, expected) => {
    expect(scopesForRoles([role])).toEqual(expected);
  });

  it.each(roles)("gives a %s no way to create notifications, write history or export it", (role) => {
    const caller = person(role);
    expect(caller.scopes).not.toContain("notifications:write");
    expect(caller.scopes).not.toContain("activity:write");
    expect(caller.scopes).not.toContain("activity:export");
  });

  // Whose history staff read: the record types their work covers (lib/auth/permissions.ts historyCoverage).
  const tenancy = ["person", "asset", "tenure", "contactDetails", "tenurePerson"];
  it.each<[Role, string[]]>([
    ["finance-officer", tenancy],
    ["finance-manager", tenancy],
    ["housing-officer", [...tenancy, "process"]],
    ["repairs-manager", ["asset", "contract", "workOrder"]],
    ["dlo-supervisor", ["asset", "contract", "workOrder"]],
    ["rcc-supervisor", ["person", "asset", "contactDetails", "workOrder"]],
    ["repairs-contractor", ["workOrder"]],
    ["admin", [...activityTargetTypes]],
    ["resident", []],
  ])("covers for a %s the history of %j", (role, expected) => {
    expect(historyTypesCovered(person(role))).toEqual(expected);
  });

  it.each<[Role, boolean]>([
    ["finance-officer", true],
    ["housing-officer", true],
    ["repairs-contractor", true],
    ["admin", true],
    ["resident", false],
  ])("shows a %s the Stalled view: %s", (role, expected) => {
    expect(maySeeStalled(person(role))).toBe(expected);
    expect(stalledTypesCovered(person(role))).not.toContain("notification");
    expect(stalledTypesCovered(person(role))).not.toContain("directoryPerson");
  });

  it("covers for a client with activity:read every record type but notifications, rules and the directory's, and nothing without it", () => {
    const excluded = ["notification", "rule", "directoryPerson", "directoryTeam"];
    expect(historyTypesCovered(writer)).toEqual(activityTargetTypes.filter((type) => !excluded.includes(type)));
    expect(historyTypesCovered(reader)).toEqual([]);
  });

  it("gives a person with several roles what any of them gives, and no roles nothing", () => {
    expect(scopesForRoles(["resident", "admin"])).toContain("subscriptions:manage");
    expect(scopesForRoles([])).toEqual([]);
  });
});

describe("policies", () => {
  it.each<[string, Caller, boolean, boolean]>([
    // caller, isStaff, mayAdminister
    ["an officer", officer, true, false],
    ["an admin", admin, true, true],
    ["a resident", resident, false, false],
    ["a client with activity:read", writer, false, false],
    ["a client without it", reader, false, false],
  ])("knows %s for staff and administration", (_name, caller, staff, administers) => {
    expect(isStaff(caller)).toBe(staff);
    expect(mayAdminister(caller)).toBe(administers);
  });

  it("lets people read their own copies and clients what they created", () => {
    const mine = { createdByClientId: "writer", holdsReceipt: true };
    const theirs = { createdByClientId: "someone-else", holdsReceipt: false };
    expect([officer, resident, writer].map((caller) => mayReadNotification(caller, mine))).toEqual([true, true, true]);
    expect([officer, resident, writer].map((caller) => mayReadNotification(caller, theirs))).toEqual([
      false,
      false,
      false,
    ]);
    expect(mayReadNotification(reader, mine)).toBe(false);
  });

  it("lets residents mark items read but not decide them; clients need notifications:write; only creators and admins delete", () => {
    expect(mayActOnNotification(officer, "Approved")).toBe(true);
    expect(mayActOnNotification(resident, "IsRead")).toBe(true);
    expect(mayActOnNotification(resident, "Approved")).toBe(false);
    expect(mayActOnNotification(writer, "Approved")).toBe(true);
    expect(mayActOnNotification(reader, "IsRead")).toBe(false);
    // Deleting is for everyone's inbox at once: the creating client (notifications:write) and admins.
    expect([officer, resident, admin, writer, reader].map((caller) => mayDeleteNotification(caller))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it("lets only client services that may record IsRead mark it read for their recipients (onBehalfOf, or all)", () => {
    expect([officer, resident, admin, writer, reader].map((caller) => mayMarkReadForRecipients(caller))).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(refusal(() => authorize(reader, mayMarkReadForRecipients))?.detail).toBe(
      "This needs the notifications:write scope",
    );
    expect(refusal(() => authorize(admin, mayMarkReadForRecipients))).toEqual({
      status: 403,
      detail: "A person marks only their own copy read: onBehalfOf is for client services",
    });
  });

  const contractor = person("repairs-contractor");
  const mine = { createdByClientId: "writer", holdsReceipt: true };
  const theirs = { createdByClientId: "someone-else", holdsReceipt: false };
  const record = (targetType: string, targetId = someoneElsesTenure) => ({ targetType, targetId });
  const aboutNotification = (notification: NotificationAccess | null) => ({
    targetType: "notification",
    targetId: ownPerson,
    notification,
  });
  it.each<[string, Caller, HistoryRecord, boolean]>([
    // Residents' records: by the types each role's work covers (historyCoverage), whoever they are about.
    ["an officer, a tenure", officer, record("tenure"), true],
    ["an officer, a tenure's household", officer, record("tenurePerson"), true],
    ["an officer, contact details", officer, record("contactDetails"), true],
    ["an officer, a work order", officer, record("workOrder"), false],
    ["an officer, equality information", officer, record("personEqualityInformation"), false],
    ["the contractor, a work order", contractor, record("workOrder"), true],
    ["the contractor, a resident's tenure", contractor, record("tenure"), false],
    ["the contractor, a person", contractor, record("person"), false],
    ["an admin, equality information", admin, record("personEqualityInformation"), true],
    ["a client with activity:read, any record", writer, record("personEqualityInformation"), true],
    ["a client without it", reader, record("tenure"), false],
    ["a resident, their own tenure", resident, record("tenure", ownTenure), true],
    ["a resident, their own person's contact details", resident, record("contactDetails", ownPerson), true],
    ["a resident, someone else's tenure", resident, record("tenure"), false],
    // A notification's: exactly whoever may read the notification, and admins.
    ["an officer, a notification they hold", officer, aboutNotification(mine), true],
    ["an officer, someone else's notification", officer, aboutNotification(theirs), false],
    ["a resident, a notification they hold", resident, aboutNotification(mine), true],
    ["a client, a notification it created", writer, aboutNotification(mine), true],
    ["a client with activity:read, another client's notification", writer, aboutNotification(theirs), false],
    ["an officer, no such notification", officer, aboutNotification(null), false],
    ["an admin, someone else's notification", admin, aboutNotification(theirs), true],
    // A type the service does not know: history:read-any alone.
    ["an officer, an unknown type", officer, record("spaceship"), false],
    ["a client with activity:read, an unknown type", writer, record("spaceship"), false],
    ["a resident, an unknown type about themselves", resident, record("spaceship", ownTenure), false],
    ["an admin, an unknown type", admin, record("spaceship"), true],
  ])("decides the history of %s: %s", (_name, caller, history, expected) => {
    expect(mayReadHistory(caller, history)).toBe(expected);
  });

  it("shows a document to whoever may read its notification, and every document to admins", () => {
    expect(maySeeDocument(officer, { notificationReadable: true })).toBe(true);
    expect(maySeeDocument(officer, { notificationReadable: false })).toBe(false);
    expect(maySeeDocument(admin, { notificationReadable: false })).toBe(true);
  });
});

describe("authorize", () => {
  it("answers a capability refusal with 403 and a record refusal with 404", () => {
    expect(refusal(() => authorize(resident, mayAdminister))).toEqual({
      status: 403,
      detail: "Only administrators can do this",
    });
    const tenure = { targetType: "tenure", targetId: someoneElsesTenure };
    expect(refusal(() => authorize(resident, mayReadHistory, tenure))).toEqual({
      status: 404,
      detail: "There is no activity history for this record",
    });
    expect(refusal(() => authorize(officer, mayReadHistory, tenure))).toBeNull();
  });

  it("tells a client which scope it lacks, and a person in words", () => {
    expect(refusal(() => authorize(reader, mayActOnNotification, "IsRead"))?.detail).toBe(
      "This needs the notifications:write scope",
    );
    expect(refusal(() => authorize(resident, mayActOnNotification, "Rejected"))?.detail).toBe(
      "Residents can mark notifications as read; other actions are for staff",
    );
    expect(refusal(() => authorize(reader, holdsScopes, ["activity:read", "activity:write"]))).toEqual({
      status: 403,
      detail: "This needs the activity:read, activity:write scopes",
    });
    expect(refusal(() => authorize(officer, holdsScopes, ["notifications:write"]))).toEqual({
      status: 403,
      detail: "This is for API clients with the notifications:write scope",
    });
  });

  it("narrows to a person, refusing a client service with the reason given", () => {
    expect(refusal(() => assertPerson(writer, "Only people have an inbox"))).toEqual({
      status: 403,
      detail: "Only people have an inbox",
    });
    expect(refusal(() => assertPerson(officer, "Only people have an inbox"))).toBeNull();
  });
});

describe("mayManageDirectory", () => {
  it("lets admins and clients holding directory:manage keep the directory, and tells others why not", () => {
    expect(mayManageDirectory(admin)).toBe(true);
    expect(mayManageDirectory(client("directory", ["directory:manage"]))).toBe(true);
    expect(refusal(() => authorize(officer, mayManageDirectory))).toEqual({
      status: 403,
      detail: "Only administrators can manage people and teams",
    });
    expect(refusal(() => authorize(writer, mayManageDirectory))?.detail).toBe("This needs the directory:manage scope");
  });
});

describe("mayManageRules", () => {
  it("lets admins and clients holding rules:manage keep the rules, and tells others why not", () => {
    expect(mayManageRules(admin)).toBe(true);
    expect(mayManageRules(client("rules", ["rules:manage"]))).toBe(true);
    expect(refusal(() => authorize(officer, mayManageRules))).toEqual({
      status: 403,
      detail: "Only administrators can manage rules",
    });
    expect(refusal(() => authorize(writer, mayManageRules))?.detail).toBe("This needs the rules:manage scope");
  });

  it("keeps a rule's history from everyone but history:read-any, clients with activity:read included", () => {
    const rule = { targetType: "rule", targetId: "00000000-0000-4000-8000-000000000001" };
    expect(mayReadHistory(admin, rule)).toBe(true);
    expect(mayReadHistory(officer, rule)).toBe(false);
    expect(mayReadHistory(client("reader", ["activity:read", "rules:manage"]), rule)).toBe(false);
  });
});

describe("visits", () => {
  const housing = person("housing-officer");
  const contractor = person("repairs-contractor");
  const visit = { officerUserId: contractor.id };

  it("are read by housing and repairs staff, admins and visits:manage clients; one visit also by its officer", () => {
    for (const reader of [
      housing,
      person("repairs-manager"),
      person("dlo-supervisor"),
      person("rcc-supervisor"),
      admin,
    ])
      expect([reader.name, mayReadVisits(reader), mayReadVisit(reader, visit)]).toEqual([reader.name, true, true]);
    expect(mayReadVisits(client("visits", ["visits:manage"]))).toBe(true);
    expect([mayReadVisits(contractor), mayReadVisit(contractor, visit)]).toEqual([false, true]);
    for (const outsider of [officer, resident, writer]) {
      expect(mayReadVisits(outsider)).toBe(false);
      expect(refusal(() => authorize(outsider, mayReadVisit, visit))?.status).toBe(404);
    }
    expect(refusal(() => authorize(writer, mayReadVisits))?.detail).toBe("This needs the visits:manage scope");
  });

  it("are booked, moved and cancelled by admins and visits:manage clients only", () => {
    expect(mayManageVisits(admin)).toBe(true);
    expect(mayManageVisits(client("visits", ["visits:manage"]))).toBe(true);
    expect(refusal(() => authorize(housing, mayManageVisits))?.status).toBe(403);
    expect(refusal(() => authorize(writer, mayManageVisits))?.detail).toBe("This needs the visits:manage scope");
  });
});

describe("mayCancelNotification", () => {
  it("is for the creating client's kind (notifications:write) and admins", () => {
    expect(mayCancelNotification(admin)).toBe(true);
    expect(mayCancelNotification(writer)).toBe(true);
    expect(refusal(() => authorize(officer, mayCancelNotification))).toEqual({
      status: 403,
      detail: "Only the service that sent a notification, or an administrator, can cancel its messages",
    });
  });
});
