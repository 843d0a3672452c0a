import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { readMarkdownTable, tableCoverage } from "../lib/testing/read-markdown-table";
import { demoRecords, e2ePort } from "./support/constants";
import { newServiceContext } from "./support/service-api";
import { signInAs } from "./support/sign-in";

// Every page × no session and each demo person, as authorization-pages.md says. Requests only (no
// rendering in a browser): the status, or where a redirect goes, is what is checked.

const baseURL = `http://127.0.0.1:${e2ePort}`;
const table = readMarkdownTable(path.resolve("e2e/authorization-pages.md"));
const columns = table.columns.slice(table.columns.indexOf("none"));

/** Every page.tsx under app/, as its path: app/notifications/[id]/page.tsx is /notifications/[id]. */
const pagesOnDisk = fs
  .readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "page.tsx")
  .map((file) => `/${path.dirname(file).split(path.sep).join("/")}`.replace(/^\/\.$/, "/"))
  .sort();

type Person = {
  id: string;
  name: string;
  roles: string[];
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>;
};
type Records = {
  outboxDeliveryId: string;
  ruleId: string;
  subscriptionId: string;
  notificationByRole: Map<string, string>;
};

const people = new Map<string, Person>();
const records: Records = { outboxDeliveryId: "", ruleId: "", subscriptionId: "", notificationByRole: new Map() };
const residentsTenures: Record<string, string> = { rosa: demoRecords.rosaTenure, tom: demoRecords.tomTenure };

// Roles whose work covers tenancies (lib/auth/permissions.ts historyCoverage); the other staff roles
// (repairs, DLO, the contact centre, the contractor) cover work orders.
const tenancyRoles = new Set(["finance-officer", "finance-manager", "housing-officer", "admin"]);
const anotherWorkOrder = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0d02";

/** The records whose timeline a person opens: their own (or one their work covers), another, one it does not cover. */
function historyRecords(person: Person | undefined): Record<string, string> {
  const ownTenure = person && residentsTenures[person.name];
  if (ownTenure) {
    const others = ownTenure === demoRecords.tomTenure ? demoRecords.rosaTenure : demoRecords.tomTenure;
    return { own: `tenure/${ownTenure}`, others: `tenure/${others}`, uncovered: `workOrder/${demoRecords.workOrder}` };
  }
  if (person && !person.roles.some((role) => tenancyRoles.has(role))) {
    return {
      own: `workOrder/${demoRecords.workOrder}`,
      others: `workOrder/${anotherWorkOrder}`,
      uncovered: `tenure/${demoRecords.rosaTenure}`,
    };
  }
  return {
    own: `tenure/${demoRecords.rosaTenure}`,
    others: `tenure/${demoRecords.tomTenure}`,
    uncovered: `workOrder/${demoRecords.workOrder}`,
  };
}

/** A notification sent to the person's role (own), or to another role (others). */
function notificationFor(person: Person | undefined, whose: string): string {
  const role = person?.roles[0] ?? "admin";
  const otherRole = role === "admin" ? "resident" : "admin";
  return records.notificationByRole.get(whose === "own" ? role : otherRole)!;
}

// How to fill a page's dynamic segments with the column's own record or someone else's.
const fill: Record<string, (person: Person | undefined, whose: string) => string> = {
  "/activity/[targetType]/[targetId]": (person, whose) =>
    whose.startsWith("notification-")
      ? `/activity/notification/${notificationFor(person, whose.replace("notification-", ""))}`
      : `/activity/${historyRecords(person)[whose]}`,
  "/notifications/[id]": (person, whose) => `/notifications/${notificationFor(person, whose)}`,
  "/admin/outbox/[id]": (_person, whose) =>
    `/admin/outbox/${whose === "own" ? records.outboxDeliveryId : "00000000-0000-4000-8000-000000000000"}`,
  "/admin/people/[id]": (_person, whose) =>
    `/admin/people/${whose === "own" ? people.get("rosa")!.id : "00000000-0000-4000-8000-000000000000"}`,
  // Opening the erase page only asks; nothing is erased, so Rosa stays for the other journeys.
  "/admin/people/[id]/erase": (_person, whose) =>
    `/admin/people/${whose === "own" ? people.get("rosa")!.id : "00000000-0000-4000-8000-000000000000"}/erase`,
  "/admin/teams/[key]": (_person, whose) => `/admin/teams/${whose === "own" ? "finance" : "no-such-team"}`,
  "/admin/rules/[id]": (_person, whose) =>
    `/admin/rules/${whose === "own" ? records.ruleId : "00000000-0000-4000-8000-000000000000"}`,
  // A dry run writes nothing, so opening it leaves the rule as the other journeys expect it.
  "/admin/subscriptions/[id]": (_person, whose) =>
    `/admin/subscriptions/${whose === "own" ? records.subscriptionId : "00000000-0000-4000-8000-000000000000"}`,
  "/admin/rules/[id]/preview": (_person, whose) =>
    `/admin/rules/${whose === "own" ? records.ruleId : "00000000-0000-4000-8000-000000000000"}/preview`,
};

test.beforeAll(async ({ browser, playwright }) => {
  test.setTimeout(240_000);
  const signInPage = await browser.newPage({ baseURL });
  await signInPage.goto("/signin");
  const labels = await signInPage
    .getByRole("button", { name: /^Sign in as / })
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-label") ?? ""));
  await signInPage.close();
  for (const label of labels) {
    const context = await browser.newContext({ baseURL });
    await signInAs(await context.newPage(), label);
    const storageState = await context.storageState();
    await context.close();
    const api = await playwright.request.newContext({ baseURL, storageState });
    const me = (await (await api.get("/api/v1/me")).json()) as { id: string; name: string; roles: string[] };
    await api.dispose();
    const name = me.name.split(" ")[0]!.toLowerCase();
    people.set(name, { id: me.id, name, roles: me.roles, storageState });
  }

  const service = await newServiceContext(playwright, baseURL);
  for (const role of new Set([...people.values()].flatMap((person) => person.roles))) {
    const created = await service.post("/api/v1/notifications", {
      data: { notificationType: "Screen", message: `Page access check for ${role}`, recipient: { role } },
    });
    expect(created.status(), await created.text()).toBe(201);
    records.notificationByRole.set(role, ((await created.json()) as { id: string }).id);
  }
  await createOutboxDelivery(service);
  records.subscriptionId = await createSubscription(service);
  await service.dispose();
  const admin = await playwright.request.newContext({ baseURL, storageState: people.get("alex")!.storageState });
  const outbox = await (await admin.get("/admin/outbox")).text();
  records.outboxDeliveryId = /href="\/admin\/outbox\/([0-9a-f-]{36})"/.exec(outbox)?.[1] ?? "";
  expect(records.outboxDeliveryId, "a delivery in the outbox").not.toBe("");
  const rules = (await (await admin.get("/api/v1/rules")).json()) as { results: { id: string }[] };
  records.ruleId = rules.results[0]?.id ?? "";
  expect(records.ruleId, "a default rule").not.toBe("");
  await admin.dispose();
});

// The checks' notifications go to whole roles: take them back out of everyone's inbox afterwards, so
// journeys that expect a person's inbox as the seed left it (the admin's is empty) see it so.
test.afterAll(async ({ playwright }) => {
  const service = await newServiceContext(playwright, baseURL);
  for (const id of records.notificationByRole.values()) {
    const deleted = await service.delete(`/api/v1/notifications/${id}`);
    expect(deleted.status(), await deleted.text()).toBe(204);
  }
  await service.dispose();
});

/** An email-only subscription of the demo service's, so the admin subscription page has one to open. */
async function createSubscription(service: APIRequestContext): Promise<string> {
  const created = await service.post("/api/v1/subscriptions", {
    data: {
      eventType: "notification.created",
      contactEmails: ["page.access@example.com"],
      notificationChannels: { email: { addresses: ["page.access@example.com"] } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** An email, so the outbox has a delivery to open. */
async function createOutboxDelivery(service: APIRequestContext): Promise<void> {
  const templates = (await (await service.get("/api/v1/templates?type=email")).json()) as {
    results: { id: string; name: string; personalisation: string[] }[];
  };
  const template = templates.results.find((candidate) => /visit due/i.test(candidate.name))!;
  const created = await service.post("/api/v1/notifications", {
    data: {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: template.id,
      email: "page.access@example.com",
      personalisationParams: Object.fromEntries(
        template.personalisation.map((field) => [field, field === "urgent" ? "no" : `Page access ${field}`]),
      ),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
}

/** What a request gets: its status, or "→ /path" for a redirect. */
async function outcome(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url, { maxRedirects: 0 });
  const location = response.headers()["location"];
  if (response.status() >= 300 && response.status() < 400 && location)
    return `→ ${new URL(location, baseURL).pathname}`;
  return String(response.status());
}

test("has a row for every page on disk and a column for every demo person", () => {
  const covered = tableCoverage(
    pagesOnDisk,
    table.rows.map((row) => row.page!),
  );
  expect(covered, "authorization-pages.md against the pages on disk").toEqual({ withoutRow: [], rowsForMissing: [] });
  const unfillable = pagesOnDisk.filter((page) => page.includes("[") && !fill[page]);
  expect(unfillable, "pages with dynamic segments that this spec cannot fill").toEqual([]);
  expect(columns.slice(1).sort()).toEqual([...people.keys()].sort());
});

const recordLabels: Record<string, string> = {
  own: "own record",
  others: "someone else's record",
  uncovered: "a record their work does not cover",
  "notification-own": "their own notification's",
  "notification-others": "someone else's notification's",
};

for (const row of table.rows) {
  test(`${row.page}${row.record ? ` (${recordLabels[row.record] ?? row.record})` : ""}`, async ({ playwright }) => {
    const expected = Object.fromEntries(columns.map((column) => [column, row[column]]));
    const actual: Record<string, string> = {};
    for (const column of columns) {
      const person = people.get(column);
      const url = fill[row.page!]?.(person, row.record!) ?? row.page!;
      const request = await playwright.request.newContext({ baseURL, storageState: person?.storageState });
      actual[column] = await outcome(request, url);
      await request.dispose();
    }
    expect(actual).toEqual(expected);
  });
}
