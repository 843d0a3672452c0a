import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  actionTypes,
  activities,
  deliveries,
  idempotencyKeys,
  notificationActions,
  notificationReceipts,
  notifications,
  roles,
} from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { clientRequestLimiter, recipientLimiter } from "@/lib/api/rate-limit";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import * as one from "./[id]/route";
import * as collection from "./route";

// The limiters read their caps once, when lib/api/rate-limit.ts is first imported. Hundreds of
// generated requests from one client to the same few recipients would hit the default 60 an hour
// and every later input would only ever see a 429, so the caps are raised before any import runs
// (vitest hoists this block above the imports).
vi.hoisted(() => {
  process.env.RECIPIENT_LIMIT_PER_HOUR = "1000000";
  process.env.RATE_LIMIT_PER_MINUTE = "1000000";
});

const database = setUpTestDatabase();
// Email, text and letter bodies are checked against Notify's templates before anything is stored.
setUpNotifySimulator();
let demo: DemoCallers;
let fiona: Record<string, string>;
let teamItemId: string;
let someoneElsesItemId: string;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  fiona = await demo.as("fiona");
  teamItemId = (
    await post({
      notificationType: "Screen",
      category: "estimateApproval",
      message: "Estimate E-7 for the property tests",
    })
  ).json.id;
  someoneElsesItemId = (
    await post({ notificationType: "Screen", message: "Only for Hana", recipient: { userId: demo.people.hana!.id } })
  ).json.id;
});

type Answer = Awaited<ReturnType<typeof callRoute>>;

function post(body: unknown, headers: Record<string, string> = demo.serviceHeaders) {
  return callRoute(collection.POST, "POST", "/api/v1/notifications", { headers, body });
}

function patch(id: string, body: unknown) {
  return callRoute(one.PATCH, "PATCH", `/api/v1/notifications/${encodeURIComponent(id)}`, {
    headers: fiona,
    params: { id },
    body,
  });
}

const countedTables = {
  notifications,
  notification_receipts: notificationReceipts,
  deliveries,
  notification_actions: notificationActions,
  activities,
  idempotency_keys: idempotencyKeys,
};

async function countRows(): Promise<Record<keyof typeof countedTables, number>> {
  const counts = {} as Record<keyof typeof countedTables, number>;
  for (const [name, table] of Object.entries(countedTables)) {
    const [row] = await database.handle.db.select({ count: sql<number>`count(*)::int` }).from(table);
    counts[name as keyof typeof countedTables] = row!.count;
  }
  return counts;
}

/** What any refusal must look like: a 4xx problem document, and a 400 names at least one field. */
function expectProblem(answer: Answer) {
  expect(answer.status, JSON.stringify(answer.json)).toBeGreaterThanOrEqual(400);
  expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  if (answer.status === 400) expect(answer.json.errors.length).toBeGreaterThan(0);
}

// Characters that have broken other systems: NUL, unpaired surrogates, direction and zero-width
// marks, combining accents, line separators, quotes; plus every code point fast-check knows.
const oddCharacter = fc.constantFrom(
  "\u0000",
  "\ud800",
  "\udfff",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\u0301",
  "🏠",
  "\u2028",
  "\n",
  "\t",
  '"',
  "\\",
);
const oddString = fc.oneof(
  fc.constantFrom("", " ", "null", "true", "-0", "NaN", "1e400", "%00", "\\u0000", "' or 1=1 --", "x".repeat(2001)),
  fc.string({ unit: fc.oneof(oddCharacter, fc.constantFrom("a", "1", " ")), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
const hugeNumber = fc.constantFrom(
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 64,
  -0,
  1e21,
  0.1,
);
const nestedArray = fc.integer({ min: 1, max: 2000 }).map((depth) => {
  let value: unknown = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
});
const oddValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddString, hugeNumber, nestedArray);

// Tokens JSON.stringify cannot produce, spliced into the body text.
const rawNumberToken = fc.constantFrom(
  "1e400",
  "-1e400",
  "1e-400",
  "123456789012345678901234567890",
  "-0",
  "0.0000000000000000000001",
);

/** One valid body per shape the API accepts. */
function validCreateBodies(): Record<string, unknown>[] {
  const inAWeek = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
  return [
    {
      notificationType: "Screen",
      message: "Missed payments",
      recipient: { team: "finance" },
      targetType: "tenure",
      targetId: "T-1",
    },
    { notificationType: "Screen", category: "estimateApproval", message: "Estimate E-1" },
    {
      notificationType: "Screen",
      message: "Hello",
      recipient: { userId: demo.people.grace!.id },
      personalisationParams: { name: "Rosa", visits: 2, urgent: true },
    },
    {
      notificationType: "Screen",
      message: "For a role",
      recipient: { role: "finance-officer" },
      requireAction: "true",
      actionUrl: "/activity/tenure/T-2",
    },
    {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.visitDue,
      email: "resident@example.com",
      firstName: "Rosa",
      lastName: "Diaz",
      personalisationParams: {
        recipient_name: "Rosa",
        title: "Gas safety visit",
        summary: "Thursday morning",
        urgent: "no",
        action_url: "https://example.com",
      },
    },
    {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue,
      mobileNumber: "07700 900123",
      sendAt: inAWeek,
      personalisationParams: { title: "Gas safety visit", urgent: "no", action_url: "https://example.com" },
    },
    {
      notificationType: "Letter",
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.visitDue,
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "E8 1DY",
      personalisationParams: {
        recipient_name: "Rosa",
        property: "1 Mare Street",
        visit_date: "Thursday",
        work: "check the boiler",
        summary: "Morning",
      },
    },
  ];
}

/** Bodies one mutation away from valid (and often still valid), so the database side gets exercised too. */
function mutatedCreateBody() {
  const valid = validCreateBodies();
  const knownFields = [
    ...new Set([
      ...valid.flatMap(Object.keys),
      "smsTemplateId",
      "emailTemplateId",
      "letterTemplateId",
      "requireEmailNotification",
      "requireSmsNotification",
      "requireLetter",
      "addressLine4",
      "addressLine7",
    ]),
  ];
  const fieldValue = fc.oneof(
    { weight: 3, arbitrary: oddValue },
    { weight: 2, arbitrary: oddString },
    fc.oneof(
      fc.record({ team: fc.oneof(oddString, fc.constantFrom("finance", "payroll", "FINANCE")) }),
      fc.record({ userId: fc.uuid() }),
      fc.record({ role: fc.oneof(fc.constantFrom(...roles), oddString) }),
    ),
    fc.dictionary(oddString, fc.oneof(oddString, fc.double(), fc.boolean(), oddValue), { maxKeys: 5 }),
  );
  const fieldName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...knownFields) },
    fc.constantFrom("__proto__", "constructor", "toString", ""),
    fc.string({ maxLength: 10 }),
  );
  const mutation = fc.oneof(
    fc.record({ set: fieldName, value: fieldValue }),
    fc.record({ remove: fc.constantFrom(...knownFields) }),
    // One odd character inside a string that was valid, so the body often still passes validation.
    { weight: 3, arbitrary: fc.record({ tweak: fc.nat(), at: fc.nat(), character: oddCharacter }) },
  );
  return fc
    .record({
      base: fc.constantFrom(...valid),
      mutations: fc.array(mutation, { maxLength: 3 }),
      rawNumber: fc.option(fc.tuple(fieldName, rawNumberToken), { freq: 8 }),
    })
    .map(({ base, mutations, rawNumber }) => {
      const body = structuredClone(base);
      for (const change of mutations) {
        // defineProperty, so "__proto__" becomes a real key in the JSON rather than a prototype swap.
        if ("set" in change)
          Object.defineProperty(body, change.set, {
            value: change.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else if ("remove" in change) delete body[change.remove];
        else insertCharacter(body, change);
      }
      const text = JSON.stringify(body);
      return rawNumber
        ? `${text.slice(0, -1)}${text === "{}" ? "" : ","}${JSON.stringify(rawNumber[0])}:${rawNumber[1]}}`
        : text;
    });
}

/** Puts `character` inside one of the body's strings, one level deep included (recipient.team, personalisation). */
function insertCharacter(body: Record<string, unknown>, change: { tweak: number; at: number; character: string }) {
  const holders = [
    body,
    ...Object.values(body).filter(
      (value): value is Record<string, unknown> => typeof value === "object" && value !== null,
    ),
  ];
  const strings = holders.flatMap((holder) =>
    Object.keys(holder)
      .filter((key) => typeof holder[key] === "string")
      .map((key) => ({ holder, key })),
  );
  if (strings.length === 0) return;
  const { holder, key } = strings[change.tweak % strings.length]!;
  const text = holder[key] as string;
  const at = change.at % (text.length + 1);
  holder[key] = `${text.slice(0, at)}${change.character}${text.slice(at)}`;
}

describe("POST /api/v1/notifications with generated bodies", () => {
  const idempotencyKey = fc.option(fc.constantFrom("prop-1", "prop-2", "prop-3", "k".repeat(256), "has space"), {
    freq: 3,
  });

  async function checkCreate(bodyText: string, key: string | null, headers = demo.serviceHeaders) {
    const before = await countRows();
    const answer = await post(bodyText, key === null ? headers : { ...headers, "idempotency-key": key });
    const after = await countRows();
    if (answer.status === 201) {
      const replayed = answer.headers.get("idempotent-replayed") === "true";
      expect(after.notifications - before.notifications).toBe(replayed ? 0 : 1);
      expect(after.deliveries - before.deliveries).toBe(replayed ? 0 : answer.json.deliveries.length);
    } else {
      expectProblem(answer);
      expect(after).toEqual(before);
    }
  }

  it("never fails on arbitrary JSON, and a refusal writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.json({ stringUnit: "binary" })), async (bodyText) =>
        checkCreate(bodyText, null),
      ),
      { numRuns: 150 },
    );
  });

  it("starts the mutations from bodies that are accepted as they are", async () => {
    for (const body of validCreateBodies()) {
      const answer = await post(JSON.stringify(body), demo.serviceHeaders);
      expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    }
  });

  it("never fails on near-valid bodies, and writes a whole notification or nothing", async () => {
    const caller = fc.constantFrom<"service" | "otherService" | "fiona">(
      "service",
      "service",
      "service",
      "otherService",
      "fiona",
    );
    await fc.assert(
      fc.asyncProperty(mutatedCreateBody(), idempotencyKey, caller, async (bodyText, key, who) =>
        checkCreate(
          bodyText,
          key,
          who === "service" ? demo.serviceHeaders : who === "otherService" ? demo.otherServiceHeaders : fiona,
        ),
      ),
      {
        numRuns: 400,
        // Once answered 500: PostgreSQL text cannot hold U+0000, and jsonb refuses it and unpaired surrogates.
        examples: [
          ['{"notificationType":"Screen","message":"\\u0000","recipient":{"team":"finance"}}', null, "service"],
          [
            '{"notificationType":"Screen","message":"m","recipient":{"team":"finance"},"personalisationParams":{"a":"\\u0000"}}',
            null,
            "service",
          ],
          [
            '{"notificationType":"Screen","message":"m","recipient":{"team":"finance"},"personalisationParams":{"a":"\\ud800"}}',
            "prop-9",
            "service",
          ],
        ],
      },
    );
  });

  it("answers malformed JSON with a 4xx and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.json().map((text) => text.slice(0, -1)),
        ),
        async (bodyText) => checkCreate(bodyText, null),
      ),
      { numRuns: 100 },
    );
  });
});

describe("PATCH /api/v1/notifications/{id} with generated ids and bodies", () => {
  const actionBody = fc
    .record(
      {
        actionType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...actionTypes) }, oddValue),
        actionNote: fc.oneof(
          { weight: 2, arbitrary: oddString },
          fc.constant("Checked against the contract"),
          oddValue,
        ),
        extra: oddValue,
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body));
  const bodyText = fc.oneof(
    { weight: 4, arbitrary: actionBody },
    fc.json(),
    fc.string(),
    fc.string({ unit: "binary" }),
  );

  async function checkAction(id: string, text: string): Promise<Answer> {
    const snapshot = () => database.handle.db.select().from(notifications).where(eq(notifications.id, teamItemId));
    const [rowBefore, before] = [await snapshot(), await countRows()];
    const answer = await patch(id, text);
    const [rowAfter, after] = [await snapshot(), await countRows()];
    if (answer.status === 200) {
      expect(answer.json.id).toBe(id);
      expect(after).toEqual({
        ...before,
        notification_actions: before.notification_actions + 1,
        activities: before.activities + 1,
      });
    } else {
      expectProblem(answer);
      expect(after).toEqual(before);
      expect(rowAfter).toEqual(rowBefore);
    }
    return answer;
  }

  it("never fails on the finance team's item, and records exactly one action and one activity or none", async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, async (text) => {
        await checkAction(teamItemId, text);
      }),
      // Both once answered 500: the note goes into a text column and into the activity's jsonb.
      {
        numRuns: 200,
        examples: [
          ['{"actionType":"IsRead","actionNote":"\\u0000"}'],
          ['{"actionType":"Validate","actionNote":"\\ud800"}'],
        ],
      },
    );
  });

  it("never fails on ids that are not the caller's notification, and writes nothing", async () => {
    const id = fc.oneof(fc.constant(someoneElsesItemId), fc.uuid(), fc.string(), fc.string({ unit: "grapheme" }));
    const validBody = fc.constantFrom('{"actionType":"IsRead"}', '{"actionType":"Approved","actionNote":"Checked"}');
    await fc.assert(
      fc.asyncProperty(id, fc.oneof(validBody, bodyText), async (candidate, text) => {
        expect((await checkAction(candidate, text)).status).not.toBe(200);
      }),
      { numRuns: 100 },
    );
  });
});

describe("GET /api/v1/notifications with generated filters", () => {
  it("never fails on odd query values", async () => {
    const parameter = fc.constantFrom(
      "notificationType",
      "targetType",
      "targetId",
      "status",
      "pageSize",
      "paginationToken",
      "other",
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(parameter, oddString, { maxKeys: 3 }), async (query) => {
        const answer = await callRoute(collection.GET, "GET", "/api/v1/notifications", { headers: fiona, query });
        if (answer.status !== 200) expectProblem(answer);
      }),
      // Once answered 500: the filter reached a text comparison in PostgreSQL.
      { numRuns: 100, examples: [[{ targetId: "\u0000" }]] },
    );
  });
});

it("runs with both rate limits out of the way", () => {
  expect([clientRequestLimiter.limit, recipientLimiter.limit]).toEqual([1_000_000, 1_000_000]);
});
