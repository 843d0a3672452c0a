import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { clientRequestLimiter, recipientLimiter } from "@/lib/api/rate-limit";
import { mutatedCreateBody, validCreateBodies } from "@/lib/notifications/testing/generated-bodies";
import { oddString } from "@/lib/notifications/testing/generated-values";
import {
  countNotificationRows,
  expectProblem,
  notificationRoutes,
} from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// POST and GET /api/v1/notifications with generated input: never a 500, and a refusal writes
// nothing. PATCH's are in [id]/route.property.test.ts.

// The limiters read their caps once, when lib/api/rate-limit.ts is first imported. Hundreds of
// generated requests from one client to the same few recipients would hit the default 60 an hour
// and every later input would only ever see a 429, so the caps are raised before any import runs
// (vitest hoists this block above the imports).
vi.hoisted(() => {
  process.env.RECIPIENT_LIMIT_PER_HOUR = "1000000";
  process.env.RATE_LIMIT_PER_MINUTE = "1000000";
});

// Email, text and letter bodies are checked against Notify's templates before anything is stored.
const { database, demo } = setUpNotificationsApi({ notify: true });
let fiona: Record<string, string>;

beforeAll(async () => {
  fiona = await demo.as("fiona");
});

const post = (body: unknown, headers: Record<string, string> = demo.serviceHeaders) =>
  notificationRoutes.post(headers, body);
const countRows = () => countNotificationRows(database.handle.db);

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
    for (const body of validCreateBodies(demo.people.grace!.id)) {
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
      fc.asyncProperty(
        mutatedCreateBody(validCreateBodies(demo.people.grace!.id)),
        idempotencyKey,
        caller,
        async (bodyText, key, who) =>
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
        const answer = await notificationRoutes.list(fiona, query);
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
