import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { recordableActionTypes, notifications } from "@/db/schema";
import { estimateApproval } from "@/lib/notifications/testing/bodies";
import { oddString, oddValue } from "@/lib/notifications/testing/generated-values";
import {
  countNotificationRows,
  expectProblem,
  notificationRoutes,
} from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// PATCH /api/v1/notifications/{id} with generated ids and bodies: never a 500, and exactly one
// action and one activity or nothing.

const { database, demo } = setUpNotificationsApi();
let fiona: Record<string, string>;
let teamItemId: string;
let someoneElsesItemId: string;

beforeAll(async () => {
  fiona = await demo.as("fiona");
  const post = (body: unknown) => notificationRoutes.post(demo.serviceHeaders, body);
  teamItemId = (await post(estimateApproval("Estimate E-7 for the property tests"))).json.id;
  someoneElsesItemId = (
    await post({ notificationType: "Screen", message: "Only for Hana", recipient: { userId: demo.people.hana!.id } })
  ).json.id;
});

type Answer = Awaited<ReturnType<typeof notificationRoutes.patch>>;
const patch = (id: string, body: unknown) => notificationRoutes.patch(fiona, id, body);
const countRows = () => countNotificationRows(database.handle.db);

describe("PATCH /api/v1/notifications/{id} with generated ids and bodies", () => {
  const actionBody = fc
    .record(
      {
        actionType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...recordableActionTypes) }, oddValue),
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
