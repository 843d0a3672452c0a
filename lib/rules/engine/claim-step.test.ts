import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { eq } from "drizzle-orm";
import { apiClients, rules, ruleSteps } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-database";
import { claimRuleStep, claimRuleSteps, recordStepNotifications } from "./claim-step";
import { rulesCaller } from "./rules-caller";

let handle: DatabaseHandle;
let ruleId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const [rule] = await handle.db
    .insert(rules)
    .values({ name: "Claim test", kind: "stalled", definition: {} })
    .returning({ id: rules.id });
  ruleId = rule!.id;
});

afterAll(() => handle?.close());

describe("claimRuleStep", () => {
  const key = () => ({ ruleId, subjectType: "notification", subjectId: "n-1", step: "reminder" });

  it("claims a step once, and every later claim of the same key is refused", async () => {
    expect(await claimRuleStep(handle.db, key())).toBe(true);
    expect(await claimRuleStep(handle.db, key())).toBe(false);
    expect(await claimRuleStep(handle.db, { ...key(), step: "escalation" })).toBe(true);
  });

  it("frees the claim when the transaction that took it rolls back", async () => {
    const fresh = { ...key(), subjectId: "n-2" };
    await expect(
      handle.db.transaction(async (tx) => {
        expect(await claimRuleStep(tx, fresh)).toBe(true);
        throw new Error("the step's notification failed");
      }),
    ).rejects.toThrow("failed");
    expect(await claimRuleStep(handle.db, fresh)).toBe(true);
    const rows = await handle.db.select().from(ruleSteps);
    expect(rows.filter((row) => row.subjectId === "n-2")).toHaveLength(1);
  });
});

describe("claimRuleSteps", () => {
  const key = (subjectId: string, step = "escalation") => ({ ruleId, subjectType: "notification", subjectId, step });
  const sorted = (keys: { subjectId: string; step: string }[]) =>
    keys.map((claimed) => `${claimed.subjectId} ${claimed.step}`).sort();

  it("claims many steps in one call, leaving out the ones already taken, and notes what each made", async () => {
    expect(await claimRuleStep(handle.db, key("s-2"))).toBe(true);
    const claimed = await claimRuleSteps(handle.db, [
      key("s-1"),
      key("s-2"),
      key("s-3", "stalled:2026-03-03T10:00:00Z"),
    ]);
    expect(sorted(claimed)).toEqual(["s-1 escalation", "s-3 stalled:2026-03-03T10:00:00Z"]);
    expect(await claimRuleSteps(handle.db, [key("s-1"), key("s-3", "stalled:2026-03-03T10:00:00Z")])).toEqual([]);

    const made = "00000000-0000-4000-8000-000000000001";
    await recordStepNotifications(handle.db, [{ key: key("s-1"), notificationId: made }]);
    const rows = await handle.db.select().from(ruleSteps).where(eq(ruleSteps.step, "escalation"));
    const ofThisTest = rows.filter((row) => row.subjectId.startsWith("s-"));
    expect(ofThisTest.map((row) => [row.subjectId, row.notificationId]).sort()).toEqual([
      ["s-1", made],
      ["s-2", null],
    ]);
  });

  it("frees every claim of the call when its transaction rolls back", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        expect(await claimRuleSteps(tx, [key("r-1"), key("r-2")])).toHaveLength(2);
        throw new Error("the batch failed");
      }),
    ).rejects.toThrow("failed");
    expect(sorted(await claimRuleSteps(handle.db, [key("r-1"), key("r-2")]))).toEqual([
      "r-1 escalation",
      "r-2 escalation",
    ]);
  });
});

describe("rulesCaller", () => {
  it("is one revoked client, the same on every call", async () => {
    const first = await rulesCaller(handle.db);
    const second = await rulesCaller(handle.db);
    expect(second).toEqual(first);
    const [row] = await handle.db.select().from(apiClients).where(eq(apiClients.id, first.id));
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.keyHash.startsWith("unusable:")).toBe(true);
  });
});
