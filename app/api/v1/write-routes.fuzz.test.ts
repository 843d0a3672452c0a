import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { oddString, oddValue } from "@/lib/notifications/testing/generated-values";
import type { DiscoveredRoute } from "@/lib/testing/route-handlers";
import { bodyKindOf, discoverWriteRoutes, setUpWriteRoutes, urlFor, validQueryFor } from "@/lib/testing/write-routes";

// Every write route under app/api/v1 (found on disk, so a new one is fuzzed without a word here),
// called as a caller it admits with generated JSON, CSV, query strings and path segments: never a
// 5xx, and every refusal a problem+json document. Seeded: set FUZZ_SEED to replay a failure, whose
// message carries the seed and the path fast-check shrank to.

// The limiters read their caps when lib/api/rate-limit.ts is first imported; hundreds of requests
// from one caller to the same few people would otherwise see only 429s after the first minute.
vi.hoisted(() => {
  process.env.RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.PERSON_RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.RECIPIENT_LIMIT_PER_HOUR = "1000000";
});

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 60);
const fixture = setUpWriteRoutes();
const routes = await discoverWriteRoutes();
let notificationId = "";

beforeAll(async () => {
  // One real notification, the demo client's own, so [id] routes sometimes reach a record.
  const created = await call(
    routes.find((route) => route.key === "POST /api/v1/notifications")!,
    {
      body: JSON.stringify({ notificationType: "Screen", message: "Fuzz", recipient: { team: "finance" } }),
    },
  );
  expect(created.status).toBe(201);
  notificationId = (JSON.parse(created.text) as { id: string }).id;
});

/** A body each route accepts as it is, for the mutations to start from; other routes get random JSON only. */
function validBodies(): Record<string, Record<string, unknown>[]> {
  const now = new Date().toISOString();
  return {
    "POST /api/v1/activityHistory": [
      { type: "update", targetType: "tenure", targetId: randomUUID(), newData: { rent: "£100.00" } },
    ],
    "POST /api/v1/events": [
      {
        id: randomUUID(),
        eventType: "PersonUpdatedEvent",
        dateTime: now,
        user: { name: "Fuzz", email: "fuzz@council.example" },
        entityId: randomUUID(),
        eventData: { oldData: { surname: "Smith" }, newData: { surname: "Smyth" } },
      },
    ],
    "PUT /api/v1/me/preferences": [{ mobileNumber: null, categories: [] }],
    "POST /api/v1/notifications": [
      { notificationType: "Screen", message: "Fuzz", recipient: { team: "finance" }, actionUrl: "/activity/tenure/1" },
    ],
    "PATCH /api/v1/notifications/[id]": [{ actionType: "Initiated", note: "Fuzz" }],
    "PUT /api/v1/notifications/[id]/receipt": [{ read: true, archived: false }],
    "POST /api/v1/notifications/mark-all-read": [{ before: now }],
    "POST /api/v1/notify/callbacks": [{ id: randomUUID(), reference: null, status: "delivered" }],
  };
}

/**
 * Objects or arrays nested up to 12,000 deep (activity data 10,000 deep once ended in a 500). Too
 * deep for JSON.stringify's recursion, so it stands in the body as a token that toJsonText expands.
 */
const deepValue = fc
  .tuple(fc.constantFrom(2, 31, 33, 1_000, 10_000, 12_000), fc.constantFrom("object", "array"))
  .map(([depth, kind]) => `<deep ${kind} ${depth}>`);
const deepToken = /"<deep (object|array) (\d+)>"/g;

function toJsonText(body: unknown): string {
  return JSON.stringify(body).replace(deepToken, (_, kind: string, depth: string) => {
    const [open, close] = kind === "object" ? ['{"a":', "}"] : ["[", "]"];
    return `${open.repeat(Number(depth))}"deep"${close.repeat(Number(depth))}`;
  });
}
/** A field's new value: odd, deep, or an object holding either (where a schema wants an object). */
const fieldValue = fc.oneof(
  oddValue,
  deepValue,
  fc.dictionary(oddString, fc.oneof(oddValue, deepValue), { minKeys: 1, maxKeys: 2 }),
);

/** The valid body with one field replaced, removed or added, or any JSON at all. */
function jsonBody(route: DiscoveredRoute) {
  const anyJson = fc.oneof(fc.json(), fc.json({ stringUnit: "binary" }));
  const valid = validBodies()[route.key];
  if (!valid) return anyJson;
  const bodies = valid.map((body) => {
    const keys = Object.keys(body);
    const objectKeys = keys.filter((key) => typeof body[key] === "object" && body[key] !== null);
    return fc.oneof(
      fc
        .record({ key: fc.constantFrom(...keys), value: fieldValue })
        .map(({ key, value }) => ({ ...body, [key]: value })),
      fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key))),
      fc.record({ key: oddString, value: fieldValue }).map(({ key, value }) => ({ ...body, [key]: value })),
      // One more entry in an object the body holds (activity data, a recipient), where schemas take anything.
      ...objectKeys.map((key) =>
        fc
          .record({ name: oddString, value: fieldValue })
          .map(({ name, value }) => ({ ...body, [key]: { ...(body[key] as object), [name]: value } })),
      ),
    );
  });
  return fc.oneof(anyJson, ...bodies.map((body) => body.map(toJsonText)));
}

const csvHeader = "email address,title,recipient_name,urgent,summary,action_url";
// NUL on its own too: PostgreSQL cannot store it, and a cell once carried it there as a 500.
const csvCell = fc.oneof(
  oddString,
  fc.emailAddress(),
  fc.constantFrom("", "no", "yes", "https://example.com/x", "\u0000", "Gas\u0000check"),
);

const validRow = ["a@example.com", "Gas check", "Rosa", "no", "We will check the boiler", "https://example.com/x"];
/** Mostly a valid row with one cell changed, so odd cells get as far as the database; sometimes any cells. */
const csvRow = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(validRow.length - 1), csvCell).map(([index, cell]) => validRow.with(index, cell)),
  },
  { weight: 1, arbitrary: fc.array(csvCell, { minLength: 0, maxLength: 7 }) },
);

/** A file with our header or a random one, rows, quoted or not, with the batch's own query or a random one. */
const csvRequest = fc.record({
  header: fc.oneof(
    fc.constant(csvHeader),
    fc.array(csvCell, { maxLength: 7 }).map((cells) => cells.join(",")),
  ),
  rows: fc.array(csvRow, { minLength: 1, maxLength: 5 }),
  quote: fc.boolean(),
  newline: fc.constantFrom("\n", "\r\n", "\r"),
  query: fc.option(fc.dictionary(fc.constantFrom("notificationType", "serviceKey", "templateId", "x"), oddString), {
    freq: 5,
  }),
});

function csvText({
  header,
  rows,
  quote,
  newline,
}: {
  header: string;
  rows: string[][];
  quote: boolean;
  newline: string;
}) {
  const cell = (value: string) => (quote ? `"${value.replaceAll('"', '""')}"` : value);
  return [header, ...rows.map((row) => row.map(cell).join(","))].join(newline);
}

/** A path segment: a real notification's id, a fresh UUID, or anything at all. */
const segment = fc.oneof(
  fc.constant("notification"),
  fc.uuid().map(String),
  oddString,
  fc.string({ unit: "binary", maxLength: 40 }),
);

async function call(
  route: DiscoveredRoute,
  input: { body?: string; contentType?: string; segments?: string[]; query?: Record<string, string> },
) {
  const segments = [...(input.segments ?? [])];
  const { url, params } = urlFor(
    route,
    () => {
      const value = segments.shift() ?? "notification";
      return value === "notification" ? notificationId : value;
    },
    input.query ?? validQueryFor(route),
  );
  const headers = { ...fixture.headersFor(route), "content-type": input.contentType ?? "application/json" };
  const response = await route.handler(new Request(url, { method: route.method, headers, body: input.body }), {
    params: Promise.resolve(params),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

function expectNoServerError(answer: Awaited<ReturnType<typeof call>>) {
  expect(answer.status, answer.text).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.contentType).toBe("application/problem+json");
    expect(JSON.parse(answer.text)).toMatchObject({ status: answer.status, title: expect.any(String) });
  }
}

describe(`every write route with generated input (seed ${seed})`, () => {
  it("covers the routes the API has", () => {
    expect(routes.map((route) => route.key)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/notifications",
        "POST /api/v1/notifications/batch",
        "PUT /api/v1/me/preferences",
        "DELETE /api/v1/notifications/[id]",
      ]),
    );
  });

  for (const route of routes) {
    it(`${route.key} never answers 5xx`, async () => {
      const segments = fc.array(segment, { minLength: 2, maxLength: 2 });
      const input =
        bodyKindOf(route) === "csv"
          ? fc.record({ file: csvRequest, segments }).map(({ file, segments }) => ({
              body: csvText(file),
              contentType: "text/csv",
              query: file.query ?? undefined,
              segments,
            }))
          : bodyKindOf(route) === "none"
            ? fc.record({ segments })
            : fc.record({ body: jsonBody(route), segments });
      await fc.assert(
        fc.asyncProperty(input, async (generated) => expectNoServerError(await call(route, generated))),
        { seed, numRuns: runsPerRoute },
      );
    });
  }
});
