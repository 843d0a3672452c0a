import path from "node:path";
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { rules, users, type Scope } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { demoIds } from "@/db/seed/demo-people";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import {
  callerKindOf,
  callerKinds,
  matrixRecordKinds,
  setUpAuthorizationFixtures,
  type AuthorizationFixtures,
  type MatrixRecordKind,
  type MatrixRecords,
} from "@/lib/testing/authorization-fixtures";
import type { RouteCall } from "@/lib/testing/call-route";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import { readMarkdownTable, tableCoverage } from "@/lib/testing/read-markdown-table";
import { discoverRouteHandlers, statusOf, type DiscoveredRoute } from "@/lib/testing/route-handlers";

// Every API route × every kind of caller, with the status each gets: the table is
// authorization-matrix.md, read here; this file says how to call each route (a valid body, the
// record's ids) so that the status reflects authorisation, not validation.

const database = setUpTestDatabase();
setUpNotifySimulator();

type RouteRequest = {
  call: (records: MatrixRecords) => RouteCall;
  /** The route uses its record up (DELETE): each call gets a new one. */
  fresh?: boolean;
};

const json = (body: unknown) => ({ call: () => ({ body }) });
const oneNotification = (body?: unknown): RouteRequest => ({
  call: (records) => ({ params: { id: records.notificationId }, body }),
});

// Texts go to a resident of this file's own: the demo people's numbers are removed by PUT /me/preferences.
const textedPersonId = randomUUID();
// Rules for the rule routes: the first stays, the rest are deleted one per caller.
let ruleIds: string[] = [];
// A seeded event rule, for the dry run (other kinds cannot be previewed yet).
let eventRuleId = "";

// Routes that need no body, query or record are called with nothing and are not listed.
const requests: Record<string, RouteRequest> = {
  "GET /api/v1/activityHistory": { call: (records) => ({ query: { targetId: records.historyTargetId } }) },
  "POST /api/v1/activityHistory": { call: () => ({ body: activity() }) },
  "GET /api/v1/activityHistory/[id]": { call: (records) => ({ params: { id: records.historyActivityId } }) },
  "GET /api/v1/documents/[uid]": { call: (records) => ({ params: { uid: records.documentUid } }) },
  "POST /api/v1/events": { call: () => ({ body: entityEvent() }) },
  "PUT /api/v1/me/preferences": json({ mobileNumber: null, categories: [] }),
  "GET /api/v1/message-status/[serviceKey]/[notifyId]": {
    call: (records) => ({ params: { serviceKey: "housing", notifyId: records.notifyId } }),
  },
  "POST /api/v1/notifications": json({ notificationType: "Screen", message: "Matrix", recipient: { team: "finance" } }),
  "GET /api/v1/notifications/[id]": oneNotification(),
  "PATCH /api/v1/notifications/[id]": oneNotification({ actionType: "Initiated" }),
  "DELETE /api/v1/notifications/[id]": { ...oneNotification(), fresh: true },
  "POST /api/v1/notifications/[id]/cancel": oneNotification(),
  "PUT /api/v1/notifications/[id]/receipt": oneNotification({ read: true }),
  "POST /api/v1/notifications/batch": {
    call: () => ({ headers: { "content-type": "text/csv" }, body: batchCsv, query: batchQuery }),
  },
  "POST /api/v1/notifications/bulk": json({
    notifications: [{ notificationType: "Screen", message: "Matrix bulk", recipient: { team: "finance" } }],
  }),
  "POST /api/v1/notifications/mark-all-read": { call: () => ({ body: { before: new Date().toISOString() } }) },
  "POST /api/v1/people": {
    call: () => ({
      body: { name: "Matrix Person", kind: "staff", email: `matrix-${randomUUID()}@council.example`, roles: ["admin"] },
    }),
  },
  "GET /api/v1/people/[id]": { call: () => ({ params: { id: directoryPersonId } }) },
  "PATCH /api/v1/people/[id]": {
    call: () => ({ params: { id: directoryPersonId }, body: { mobileNumber: "07700900999" } }),
  },
  // Erasure and export each answer 200 again for the same person (erasure is idempotent).
  "POST /api/v1/people/[id]/erasure": { call: () => ({ params: { id: erasedPersonId } }) },
  "GET /api/v1/people/[id]/export": { call: () => ({ params: { id: erasedPersonId } }) },
  "POST /api/v1/people/import": {
    call: () => ({
      headers: { "content-type": "text/csv" },
      body: "email,mobileNumber\ndora.directory@council.example,",
    }),
  },
  "POST /api/v1/teams": { call: () => ({ body: { key: `matrix-${randomUUID().slice(0, 8)}`, name: "Matrix team" } }) },
  "GET /api/v1/teams/[key]": { call: () => ({ params: { key: "finance" } }) },
  "PATCH /api/v1/teams/[key]": { call: () => ({ params: { key: "finance" }, body: { name: "Finance" } }) },
  "POST /api/v1/rules": {
    call: () => ({
      body: {
        name: `Matrix rule ${randomUUID()}`,
        kind: "stalled",
        definition: {
          targetType: "process",
          after: "P14D",
          timeMode: "calendar",
          closingEventTypes: ["ProcessClosedEvent"],
          audience: { team: "housing-officers" },
        },
      },
    }),
  },
  "GET /api/v1/rules/[id]": { call: () => ({ params: { id: ruleIds[0]! } }) },
  "PATCH /api/v1/rules/[id]": { call: () => ({ params: { id: ruleIds[0]! }, body: { enabled: true } }) },
  // Each call deletes a rule of its own, set up before the test.
  "DELETE /api/v1/rules/[id]": { call: () => ({ params: { id: ruleIds.pop()! } }), fresh: true },
  "POST /api/v1/rules/[id]/preview": { call: () => ({ params: { id: eventRuleId } }) },
  "POST /api/v1/sms": json({ message: "Matrix", personId: textedPersonId }),
  "GET /api/v1/sms/[id]": { call: (records) => ({ params: { id: records.smsId } }) },
  "POST /api/v1/visits": {
    call: () => ({ body: { ...visitTimes, ...visitPeople, propertyId: demoIds.rosaProperty, kind: "tenancy visit" } }),
  },
  "GET /api/v1/visits/[id]": { call: (records) => ({ params: { id: records.visitId } }) },
  "PATCH /api/v1/visits/[id]": { call: (records) => ({ params: { id: records.visitId }, body: visitTimes }) },
  "DELETE /api/v1/visits/[id]": { call: (records) => ({ params: { id: records.visitId } }), fresh: true },
  "POST /api/v1/subscriptions": json({
    eventType: "notification.created",
    contactEmails: ["matrix@example.com"],
    notificationChannels: { email: { addresses: ["matrix@example.com"] } },
  }),
  "GET /api/v1/subscriptions/[id]": { call: (records) => ({ params: { id: records.subscriptionId } }) },
  "PATCH /api/v1/subscriptions/[id]": {
    call: (records) => ({ params: { id: records.subscriptionId }, body: { expiresOn: inAMonth() } }),
  },
  "DELETE /api/v1/subscriptions/[id]": { call: (records) => ({ params: { id: records.subscriptionId } }), fresh: true },
  "POST /api/v1/subscriptions/[id]/secret": { call: (records) => ({ params: { id: records.subscriptionId } }) },
  "GET /api/v1/subscription-messages/[id]": { call: (records) => ({ params: { id: records.subscriptionMessageId } }) },
  "POST /api/v1/subscription-messages/replay": json({ limit: 10, dryRun: true }),
  // A replayed message has a later copy and is not replayed again: each call takes a fresh one.
  "POST /api/v1/subscription-messages/[id]/replay": {
    call: (records) => ({ params: { id: records.subscriptionMessageId } }),
    fresh: true,
  },
  "POST /api/v1/notify/callbacks": {
    call: () => ({ body: { id: randomUUID(), reference: null, status: "delivered" } }),
  },
};

const inAMonth = () => new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

const visitTimes = { startsAt: "2027-04-01T09:00:00Z", endsAt: "2027-04-01T10:00:00Z" };
// Rosa (by her council person id) visited by Hana, whose directory id is looked up once seeded.
const visitPeople = { personId: demoIds.rosaPerson, officerUserId: "" };

const batchQuery = { notificationType: "Email", serviceKey: "housing", templateId: notifyTemplateIds.email.visitDue! };
const batchCsv = [
  "email address,title,recipient_name,urgent,summary,action_url",
  "matrix@example.com,Gas check,Rosa,no,We will check the boiler,https://example.com/visit",
].join("\n");

function activity() {
  return {
    type: "update",
    targetType: "tenure",
    targetId: randomUUID(),
    newData: { rent: "£100.00" },
    authorDetails: { fullName: "Matrix Test", email: "matrix@council.example" },
  };
}

function entityEvent() {
  return {
    id: randomUUID(),
    eventType: "PersonUpdatedEvent",
    dateTime: new Date().toISOString(),
    user: { name: "Matrix Test", email: "matrix@council.example" },
    entityId: randomUUID(),
    eventData: { oldData: { surname: "Smith" }, newData: { surname: "Smyth" } },
  };
}

let fixtures: AuthorizationFixtures;
// The person the directory routes read and change: a colleague no other row depends on.
let directoryPersonId = "";
// The person the erasure and export routes are called about, so that erasing them leaves Dora for the rest.
let erasedPersonId = "";
let routes: DiscoveredRoute[];
const matrix = readMatrix(path.join(import.meta.dirname, "authorization-matrix.md"));

/** One line of the table: the status each caller should get from one route (and record). */
type MatrixRow = {
  route: string;
  record: MatrixRecordKind | "out of scope";
  scope: Scope | null;
  expected: Record<string, number>;
};

function readMatrix(file: string): { columns: string[]; rows: MatrixRow[] } {
  const table = readMarkdownTable(file);
  const columns = table.columns.slice(table.columns.indexOf("scope") + 1);
  const rows = table.rows.map(({ route = "", record = "", scope = "", ...cells }) => ({
    route,
    record: record as MatrixRow["record"],
    scope: scope && scope !== "–" ? (scope as Scope) : null,
    expected:
      record === "out of scope" ? {} : Object.fromEntries(columns.map((column) => [column, Number(cells[column])])),
  }));
  return { columns, rows };
}

beforeAll(async () => {
  routes = await discoverRouteHandlers(path.resolve(import.meta.dirname, ".."));
  fixtures = await setUpAuthorizationFixtures(database.handle.db);
  const [person] = await database.handle.db
    .insert(users)
    .values({ name: "Dora Directory", email: "dora.directory@council.example", roles: ["housing-officer"] })
    .returning({ id: users.id });
  directoryPersonId = person!.id;
  const [erased] = await database.handle.db
    .insert(users)
    .values({ kind: "resident", name: "Erin Erasure", roles: ["resident"] })
    .returning({ id: users.id });
  erasedPersonId = erased!.id;
  const matrixRules = await database.handle.db
    .insert(rules)
    .values(
      Array.from({ length: 40 }, (_, index) => ({
        name: `Matrix rule to delete ${index}`,
        kind: "stalled" as const,
        definition: { targetType: "process", after: "P14D", timeMode: "calendar" },
      })),
    )
    .returning({ id: rules.id });
  ruleIds = matrixRules.map((rule) => rule.id);
  const [tenureRule] = await database.handle.db
    .select({ id: rules.id })
    .from(rules)
    .where(eq(rules.name, "New tenure: tell finance"));
  eventRuleId = tenureRule!.id;
  const byEmail = async (email: string) =>
    (await database.handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  visitPeople.officerUserId = await byEmail("hana.osei@council.example");
  await database.handle.db.insert(users).values({
    kind: "resident",
    name: "Matrix Resident",
    roles: ["resident"],
    personId: textedPersonId,
    mobileNumber: "07700900010",
  });
});

async function statusesFor(
  route: DiscoveredRoute,
  row: MatrixRow,
  record: MatrixRecordKind,
): Promise<Record<string, number>> {
  const request: RouteRequest = requests[route.key] ?? { call: () => ({}) };
  const statuses: Record<string, number> = {};
  for (const column of Object.keys(row.expected)) {
    const kind = callerKindOf(column);
    const records = await fixtures.recordsFor(kind, record, row.scope, { fresh: request.fresh });
    const call = request.call(records);
    statuses[column] = await statusOf(route, {
      ...call,
      headers: { ...call.headers, ...(await fixtures.headersFor(kind, row.scope)) },
    });
  }
  return statuses;
}

const recordLabels: Record<string, string> = {
  own: " (their own record)",
  others: " (someone else's record)",
  uncovered: " (a record their work does not cover)",
  "notification-own": " (their own notification's)",
  "notification-others": " (someone else's notification's)",
};

describe("authorisation matrix", () => {
  it("has a row for every route handler on disk, and none for a route that is gone", () => {
    const onDisk = routes.map((route) => route.key);
    const covered = tableCoverage(
      onDisk,
      matrix.rows.map((row) => row.route),
    );
    expect(covered, "authorization-matrix.md against the route handlers on disk").toEqual({
      withoutRow: [],
      rowsForMissing: [],
    });
    expect(tableCoverage(onDisk, Object.keys(requests)).rowsForMissing, "requests for routes not on disk").toEqual([]);
    const unknownRecords = matrix.rows
      .filter((row) => row.record !== "out of scope" && !matrixRecordKinds.includes(row.record))
      .map((row) => `${row.route} ${row.record}`);
    expect(unknownRecords, "record kinds the fixtures cannot set up").toEqual([]);
    const notStatuses = matrix.rows.flatMap((row) =>
      Object.entries(row.expected)
        .filter(([, status]) => !(status >= 100 && status <= 599))
        .map(([column]) => `${row.route} ${row.record} under ${column}`),
    );
    expect(notStatuses, "cells that are not an HTTP status").toEqual([]);
  });

  it("has a column for every kind of caller and every seeded demo person", () => {
    expect(matrix.columns.slice(0, callerKinds.length)).toEqual(callerKinds);
    expect(matrix.columns.slice(callerKinds.length).sort()).toEqual([...fixtures.people].sort());
  });

  for (const row of matrix.rows) {
    const record = row.record;
    if (record === "out of scope") continue;
    it(`${row.route}${recordLabels[record] ?? ""} answers each caller as the table says`, async () => {
      const route = routes.find((candidate) => candidate.key === row.route);
      expect(route, `${row.route} is not on disk`).toBeDefined();
      expect(await statusesFor(route!, row, record)).toEqual(row.expected);
    });
  }
});
